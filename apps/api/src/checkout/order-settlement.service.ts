import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Order } from '@safe-checkout/db';
import { PrismaTransactionHost } from '../database/transaction-host';
import { ORDER_WITH_RECEIPT, PaymentConfirmation, toOrderView, OrderView } from '../orders/order.representation';
import type { PaymentIntent } from './charge-outcome';
import { quantitiesByProduct } from './stock-reservation';

/**
 * How an order learns its payment's outcome (payments.md §5): the checkout's third phase and the
 * payment webhooks both settle through it. The writes run in the caller's transaction.
 */
@Injectable()
export class OrderSettlement {
  constructor(@Inject(TransactionHost) private readonly txHost: PrismaTransactionHost) {}

  /**
   * The one path by which an order learns its payment's outcome, whoever learned it: the charge's
   * answer, the recovery worker or a webhook (payments.md §5). The order row is locked first, so
   * concurrent learners take turns; whichever comes first settles the order (a paid order gets its
   * one receipt, a failed one its stock back) and every later one changes nothing. An order is
   * never moved backwards: `paid` and `payment_failed` are final. Runs in the caller's transaction.
   *
   * @returns what happened, and the order as it is now; `undefined` when no such order exists
   */
  async settle(orderId: string, outcome: PaymentOutcome, confirmedBy: PaymentConfirmation): Promise<Settlement | undefined> {
    const tx = this.txHost.tx;
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM orders WHERE id = ${orderId}::uuid FOR UPDATE`;
    if (locked.length === 0) return undefined;
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: ORDER_WITH_RECEIPT });
    if (order.status !== 'awaiting_payment') return { kind: alreadySettledKind(order, outcome), order: toOrderView(order) };
    if (outcome.paymentIntent && !paysOrder(outcome.paymentIntent, order)) return { kind: 'other_payment_intent', order: toOrderView(order) };
    if (outcome.kind === 'failed') return { kind: 'settled', order: await this.markPaymentFailed(orderId) };
    return { kind: 'settled', order: await this.markPaid(order, outcome.paymentIntent, confirmedBy) };
  }

  private async markPaid(order: Order, paymentIntent: PaymentIntent, confirmedBy: PaymentConfirmation): Promise<OrderView> {
    const tx = this.txHost.tx;
    await tx.receipt.create({
      data: { orderId: order.id, paymentIntentId: paymentIntent.id, amountCents: order.totalCents, currency: order.currency, confirmedBy },
    });
    const paid = await tx.order.update({
      where: { id: order.id, status: 'awaiting_payment' },
      data: { status: 'paid', paymentIntentId: paymentIntent.id, paidAt: new Date() },
      include: ORDER_WITH_RECEIPT,
    });
    return toOrderView(paid);
  }

  /** Marks the order's payment failed and gives its stock back: nothing was charged. */
  private async markPaymentFailed(orderId: string): Promise<OrderView> {
    const tx = this.txHost.tx;
    const failed = await tx.order.update({
      where: { id: orderId, status: 'awaiting_payment' },
      data: { status: 'payment_failed' },
      include: ORDER_WITH_RECEIPT,
    });
    for (const [productId, quantity] of quantitiesByProduct(failed.lines)) {
      await tx.product.update({ where: { id: productId }, data: { stock: { increment: quantity } } });
    }
    return toOrderView(failed);
  }
}

/** What the provider said of a charge, whichever way the shop heard it. */
export type PaymentOutcome =
  | { kind: 'succeeded'; paymentIntent: PaymentIntent }
  /** The failed PaymentIntent when the provider named it (a webhook does; a declined charge's answer does not). */
  | { kind: 'failed'; paymentIntent?: PaymentIntent };

/**
 * What {@link OrderSettlement.settle} did: `settled` (this call moved the order out of
 * awaiting_payment), `already_settled` (someone else had; nothing changed), or
 * `other_payment_intent` (a PaymentIntent that is not the one that paid, or could pay, this order:
 * nothing changed, and a person must look at it, e.g. to refund a second charge).
 */
export interface Settlement {
  kind: 'settled' | 'already_settled' | 'other_payment_intent';
  order: OrderView;
}

function alreadySettledKind(order: Order, outcome: PaymentOutcome): Settlement['kind'] {
  // A success for a PaymentIntent other than the one recorded means money the order did not keep.
  if (outcome.kind === 'succeeded' && outcome.paymentIntent.id !== order.paymentIntentId) return 'other_payment_intent';
  return 'already_settled';
}

function paysOrder(paymentIntent: PaymentIntent, order: Order): boolean {
  return (
    paymentIntent.amount === order.totalCents &&
    paymentIntent.currency.toLowerCase() === order.currency.toLowerCase() &&
    paymentIntent.metadata?.order_id === order.id
  );
}
