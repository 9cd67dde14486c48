import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { PaymentIntent } from '@safe-checkout/db';
import { PrismaTransactionHost } from '../../database/transaction-host';
import { toPaymentIntentObject } from '../../payment-intents/payment-intent.representation';
import { newStripeId } from '../../payment-intents/stripe-id';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { after, NEWEST_FIRST, toPage } from '../keyset-page';
import type { EventListParams } from './event-list.params';
import { DELIVERIES_QUEUED_CHANNEL } from '../delivery/deliveries-queued-channel';
import { EventType, EventWithPending, PENDING_DELIVERIES_COUNT } from './event.representation';

/** The API request that caused an event (Stripe's `event.request`). */
export interface EventCause {
  requestId?: string;
  idempotencyKey?: string;
  /** Its W3C `traceparent`, when the sandbox traces: kept with the event, sent with each delivery. */
  traceParent?: string;
}

/** The account's events: recorded with the PaymentIntent that caused them, then read and listed. */
@Injectable()
export class EventsService {
  constructor(@Inject(TransactionHost) private readonly txHost: PrismaTransactionHost) {}

  /**
   * Records the event of a confirmed PaymentIntent and queues one delivery for each of the
   * account's endpoints that listens to its type (or to `*`), in one statement. Call it in the
   * transaction that stores the PaymentIntent: the event, its deliveries and the PaymentIntent
   * commit together, and an idempotent replay, which stores nothing, makes no second event. When
   * deliveries were queued, the same statement notifies {@link DELIVERIES_QUEUED_CHANNEL}, which
   * PostgreSQL delivers at commit, so delivery workers start at once instead of at their next poll.
   *
   * @returns how many deliveries were queued (0 when no endpoint listens)
   */
  async recordPaymentIntentOutcome(intent: PaymentIntent, cause: EventCause): Promise<number> {
    const type: EventType = intent.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed';
    const dataObject = JSON.stringify(toPaymentIntentObject(intent));
    // The event happened when the PaymentIntent was confirmed: one instant for both.
    const [{ queued }] = await this.txHost.tx.$queryRaw<{ queued: number }[]>`
      WITH event AS (
        INSERT INTO events (id, account, type, data_object, request_id, request_idempotency_key, trace_parent, created_at)
        VALUES (${newStripeId('evt')}, ${intent.account}, ${type}, ${dataObject}::jsonb, ${cause.requestId ?? null}, ${cause.idempotencyKey ?? null},
                ${cause.traceParent ?? null}, ${intent.createdAt})
        RETURNING id, account, type
      ),
      queued AS (
        INSERT INTO webhook_deliveries (id, account, event_id, endpoint_id)
        SELECT gen_random_uuid(), event.account, event.id, endpoint.id
        FROM event JOIN webhook_endpoints endpoint ON endpoint.account = event.account AND endpoint.enabled_events && ARRAY[event.type, '*']::text[]
        RETURNING account
      ),
      notified AS (SELECT pg_notify(${DELIVERIES_QUEUED_CHANNEL}, account) FROM queued LIMIT 1)
      SELECT (SELECT count(*)::int FROM queued) AS queued, (SELECT count(*)::int FROM notified) AS notified`;
    return queued;
  }

  /** @throws StripeApiError 404 `resource_missing` */
  async retrieve(account: string, id: string): Promise<EventWithPending> {
    const row = await this.txHost.tx.event.findFirst({ where: { id, account }, include: PENDING_DELIVERIES_COUNT });
    if (!row) throw invalidRequest(`No such event: '${id}'`, { code: 'resource_missing', param: 'id' }, 404);
    return row;
  }

  /** @throws StripeApiError 400 `resource_missing` when `starting_after` is no event of the account */
  async list(account: string, { limit, startingAfter, type }: EventListParams): Promise<{ rows: EventWithPending[]; hasMore: boolean }> {
    const cursor = startingAfter === undefined ? undefined : await this.cursor(account, startingAfter);
    const rows = await this.txHost.tx.event.findMany({
      where: { account, ...(type ? { type } : {}), ...(cursor ? after(cursor) : {}) },
      include: PENDING_DELIVERIES_COUNT,
      orderBy: [...NEWEST_FIRST],
      take: limit + 1,
    });
    return toPage(rows, limit);
  }

  private async cursor(account: string, id: string) {
    const row = await this.txHost.tx.event.findFirst({ where: { id, account }, select: { id: true, createdAt: true } });
    if (!row) throw invalidRequest(`No such event: '${id}'`, { code: 'resource_missing', param: 'starting_after' });
    return row;
  }
}
