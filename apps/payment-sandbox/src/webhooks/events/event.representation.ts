import type { Event } from '@safe-checkout/db';
import type { PaymentIntentObject } from '../../payment-intents/payment-intent.representation';

/** The event types of this subset (payments.md §5). */
export const EVENT_TYPES = ['payment_intent.succeeded', 'payment_intent.payment_failed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A Stripe event object, as delivered and as `GET /v1/events/:id` answers it. */
export interface EventObject {
  id: string;
  object: 'event';
  /** The sandbox has no API versions. */
  api_version: null;
  /** Unix time, seconds. */
  created: number;
  data: { object: PaymentIntentObject };
  livemode: false;
  /** Endpoints this event was sent to that have not yet answered one of its deliveries with a 2xx. */
  pending_webhooks: number;
  /** The API request that caused the event. */
  request: { id: string | null; idempotency_key: string | null };
  type: EventType;
}

/** An event row with the count of its deliveries not yet succeeded. */
export type EventWithPending = Event & { _count: { deliveries: number } };

/** The Prisma `include` that gives an event its {@link EventWithPending} count. */
export const PENDING_DELIVERIES_COUNT = { _count: { select: { deliveries: { where: { status: { not: 'succeeded' } } } } } } as const;

export function renderEvent(row: EventWithPending): EventObject {
  return {
    id: row.id,
    object: 'event',
    api_version: null,
    created: Math.floor(row.createdAt.getTime() / 1000),
    data: { object: row.dataObject as unknown as PaymentIntentObject },
    livemode: false,
    pending_webhooks: row._count.deliveries,
    request: { id: row.requestId, idempotency_key: row.requestIdempotencyKey },
    type: row.type as EventType,
  };
}

/** Stripe's list envelope of events. */
export interface EventListObject {
  object: 'list';
  data: EventObject[];
  has_more: boolean;
  url: '/v1/events';
}

export function toEventListObject(rows: EventWithPending[], hasMore: boolean): EventListObject {
  return { object: 'list', data: rows.map(renderEvent), has_more: hasMore, url: '/v1/events' };
}
