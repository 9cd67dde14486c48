import type { WebhookEndpoint } from '@safe-checkout/db';

/** A webhook endpoint on the wire: the fields of Stripe's object that this subset has. */
export interface WebhookEndpointObject {
  id: string;
  object: 'webhook_endpoint';
  api_version: null;
  /** Unix time, seconds. */
  created: number;
  description: null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  /** Only in the answer to its creation, as in Stripe. */
  secret?: string;
  status: 'enabled';
  url: string;
}

/** Stripe's list envelope of webhook endpoints. */
export interface WebhookEndpointListObject {
  object: 'list';
  data: WebhookEndpointObject[];
  has_more: boolean;
  url: '/v1/webhook_endpoints';
}

/** The endpoint as Stripe shows it; `withSecret` only for the answer to its creation. */
export function toWebhookEndpointObject(row: WebhookEndpoint, { withSecret = false } = {}): WebhookEndpointObject {
  return {
    id: row.id,
    object: 'webhook_endpoint',
    api_version: null,
    created: Math.floor(row.createdAt.getTime() / 1000),
    description: null,
    enabled_events: row.enabledEvents,
    livemode: false,
    metadata: {},
    ...(withSecret ? { secret: row.secret } : {}),
    status: 'enabled',
    url: row.url,
  };
}

export function toWebhookEndpointListObject(rows: WebhookEndpoint[], hasMore: boolean): WebhookEndpointListObject {
  return { object: 'list', data: rows.map((row) => toWebhookEndpointObject(row)), has_more: hasMore, url: '/v1/webhook_endpoints' };
}
