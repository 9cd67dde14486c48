import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PrismaTransactionHost } from '../database/transaction-host';
import { OrderSettlement, PaymentOutcome, Settlement } from '../checkout/order-settlement.service';
import { PaymentEvent } from './payment-event';

/**
 * What a delivery did: the event's effect (`settled`, or a no-op that is still recorded:
 * `already_settled`, `other_payment_intent`, `unknown_order`), `duplicate` for an event recorded
 * by an earlier delivery (nothing done), `ignored` for a type the shop does not handle.
 */
export type DeliveryOutcome = Settlement['kind'] | 'unknown_order' | 'duplicate' | 'ignored';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies each provider event once, however many times it is delivered (payments.md §5).
 *
 * Why a processed-events table and not the idempotency key store: the key store dedupes requests
 * of one user, by a key the client chose, and replays a stored HTTP answer; an event has no user,
 * its id is the provider's, and its effect is a change to an order that other paths (the charge's
 * answer, the recovery worker) make too. So the event id is recorded in `payment_webhook_events`
 * by the same transaction that settles the order through the one settle path those paths share:
 * the effect and its record commit together or not at all, and the order's row lock makes every
 * path, and every concurrent delivery, take turns.
 */
@Injectable()
export class PaymentWebhookReceiver {
  private readonly logger = new Logger(PaymentWebhookReceiver.name);

  constructor(
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
    private readonly settlement: OrderSettlement,
  ) {}

  receive(event: PaymentEvent): Promise<DeliveryOutcome> {
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      if (await tx.paymentWebhookEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return 'duplicate';
      const orderId = orderIdOf(event);
      const settlement = orderId ? await this.settlement.settle(orderId, outcomeOf(event), 'webhook') : undefined;
      const outcome = settlement?.kind ?? 'unknown_order';
      // A concurrent delivery of the same event that got here first holds the order's lock until it
      // commits, so this one saw its effect and changed nothing: only the record is left to skip.
      const { count } = await tx.paymentWebhookEvent.createMany({
        data: [{ id: event.id, type: event.type, paymentIntentId: event.paymentIntent.id, orderId: settlement ? orderId : null, outcome }],
        skipDuplicates: true,
      });
      if (count === 0) {
        if (outcome === 'settled') throw new Error(`event ${event.id} settled order ${orderId} although another delivery recorded it first`);
        return 'duplicate';
      }
      this.logOutcome(event, outcome, orderId);
      return outcome;
    });
  }

  private logOutcome(event: PaymentEvent, outcome: DeliveryOutcome, orderId: string | undefined): void {
    const context = { eventId: event.id, type: event.type, paymentIntentId: event.paymentIntent.id, orderId };
    // A success for a PaymentIntent that did not pay the order is money the shop holds for nothing.
    if (outcome === 'other_payment_intent')
      this.logger.error(context, 'a payment event names a PaymentIntent that did not pay its order: check for a second charge to refund');
    else if (outcome === 'unknown_order') this.logger.warn(context, 'a payment event names no order of this shop');
    else this.logger.log({ ...context, outcome }, 'payment event applied');
  }
}

function orderIdOf(event: PaymentEvent): string | undefined {
  const orderId = event.paymentIntent.metadata.order_id;
  return typeof orderId === 'string' && UUID.test(orderId) ? orderId.toLowerCase() : undefined;
}

function outcomeOf(event: PaymentEvent): PaymentOutcome {
  return { kind: event.type === 'payment_intent.succeeded' ? 'succeeded' : 'failed', paymentIntent: event.paymentIntent };
}
