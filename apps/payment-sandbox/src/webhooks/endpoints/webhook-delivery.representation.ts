import type { WebhookDelivery } from '@safe-checkout/db';

/**
 * One event's delivery to one endpoint, as `GET /v1/webhook_endpoints/:id/deliveries` shows it.
 * A sandbox extension (Stripe shows attempts in its Dashboard, not in its API): where a delivery
 * stands, so that a failed one is visible.
 */
export interface WebhookDeliveryObject {
  id: string;
  object: 'webhook_delivery';
  /** The event's id. */
  event: string;
  status: 'pending' | 'succeeded' | 'failed';
  /** Attempts made so far (an attempt interrupted by a stop included). */
  attempts: number;
  /** Unix seconds of the next attempt while pending; null once succeeded or failed. */
  next_attempt: number | null;
  last_attempt: number | null;
  /** The receiver's last HTTP status; null when it gave none (timeout, refused connection). */
  last_response_status: number | null;
  last_error: string | null;
  delivered: number | null;
  created: number;
}

export interface WebhookDeliveryListObject {
  object: 'list';
  data: WebhookDeliveryObject[];
  has_more: boolean;
  url: string;
}

export function toWebhookDeliveryObject(row: WebhookDelivery): WebhookDeliveryObject {
  return {
    id: row.id,
    object: 'webhook_delivery',
    event: row.eventId,
    status: row.status as WebhookDeliveryObject['status'],
    attempts: row.attempts,
    next_attempt: row.status === 'pending' ? unixSeconds(row.nextAttemptAt) : null,
    last_attempt: unixSeconds(row.lastAttemptAt),
    last_response_status: row.lastResponseStatus,
    last_error: row.lastError,
    delivered: unixSeconds(row.deliveredAt),
    created: unixSeconds(row.createdAt) as number,
  };
}

export function toWebhookDeliveryListObject(endpointId: string, rows: WebhookDelivery[], hasMore: boolean): WebhookDeliveryListObject {
  return { object: 'list', data: rows.map(toWebhookDeliveryObject), has_more: hasMore, url: `/v1/webhook_endpoints/${endpointId}/deliveries` };
}

function unixSeconds(date: Date | null): number | null {
  return date === null ? null : Math.floor(date.getTime() / 1000);
}
