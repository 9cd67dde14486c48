import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { PaymentIntent } from '@safe-checkout/db';
import { PrismaTransactionHost } from '../../database/transaction-host';
import { toPaymentIntentObject } from '../../payment-intents/payment-intent.representation';
import { newStripeId } from '../../payment-intents/stripe-id';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { after, NEWEST_FIRST, toPage } from '../keyset-page';
import type { EventListParams } from './event-list.params';
import { EventType, EventWithPending, PENDING_DELIVERIES_COUNT } from './event.representation';

/** The API request that caused an event (Stripe's `event.request`). */
export interface EventCause {
  requestId?: string;
  idempotencyKey?: string;
}

/** The account's events: recorded with the PaymentIntent that caused them, then read and listed. */
@Injectable()
export class EventsService {
  constructor(@Inject(TransactionHost) private readonly txHost: PrismaTransactionHost) {}

  /**
   * Records the event of a confirmed PaymentIntent and queues one delivery for each of the
   * account's endpoints that listens to its type (or to `*`). Call it in the transaction that
   * stores the PaymentIntent: the event, its deliveries and the PaymentIntent commit together,
   * and an idempotent replay, which stores nothing, makes no second event.
   */
  async recordPaymentIntentOutcome(intent: PaymentIntent, cause: EventCause): Promise<void> {
    const type: EventType = intent.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed';
    const id = newStripeId('evt');
    const tx = this.txHost.tx;
    await tx.event.create({
      data: {
        id,
        account: intent.account,
        type,
        dataObject: toPaymentIntentObject(intent) as object,
        requestId: cause.requestId ?? null,
        requestIdempotencyKey: cause.idempotencyKey ?? null,
        // The event happened when the PaymentIntent was confirmed: one instant for both.
        createdAt: intent.createdAt,
      },
    });
    await tx.$executeRaw`
      INSERT INTO webhook_deliveries (id, account, event_id, endpoint_id)
      SELECT gen_random_uuid(), account, ${id}, id FROM webhook_endpoints
      WHERE account = ${intent.account} AND enabled_events && ARRAY[${type}, '*']::text[]`;
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
