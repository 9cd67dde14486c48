import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Order, PrismaClient } from '@safe-checkout/db';
import { PrismaTransactionHost } from '../database/transaction-host';
import type { PaymentIntent } from '../payments/charge-answer';
import type { ChargeRun } from '../payments/charge-attempts';
import type { OrderToCharge } from '../payments/payment-provider';
import { ORDER_WITH_RECEIPT, PaymentConfirmation, toOrderView, OrderView } from './order.representation';
import { quantitiesByProduct } from './stock-reservation';

// Stripe keeps idempotency keys for 24 hours; an hour's margin for clocks and slow recoveries.
const DERIVED_KEY_TRUSTED_FOR_MS = 23 * 3_600_000;

/**
 * How many charge runs an order keeps on record, the newest: a checkout that waits out a long
 * provider outage gets a run per recovery pass, and neither the row nor every `GET /orders` page
 * may grow with that (nothing listed grows unbounded).
 */
export const KEPT_CHARGE_RUNS = 20;

/** An order about to be charged, and whether its derived charge key may be gone at the provider. */
export type OrderCharge = OrderToCharge & { derivedKeyMayHaveExpired: boolean };

/**
 * The payment side of an order's life: what to charge, and recording the provider's answer
 * (payments.md §2, phases 2 and 3). The writes run in the phase's transaction.
 */
@Injectable()
export class OrderPaymentsService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
  ) {}

  async orderToCharge(orderId: string, now = new Date()): Promise<OrderCharge> {
    const order = await this.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    // A webhook may have settled a failed payment before the checkout heard its answer: charging
    // again with the same derived key replays that decline, which the checkout then records.
    if (!['awaiting_payment', 'payment_failed'].includes(order.status) || !order.paymentMethod) {
      throw new Error(`order ${orderId} is ${order.status}, not awaiting payment: its checkout key should have finished`);
    }
    return {
      orderId,
      userId: order.userId,
      totalCents: order.totalCents,
      currency: order.currency,
      paymentMethod: order.paymentMethod,
      derivedKeyMayHaveExpired: now.getTime() - order.createdAt.getTime() > DERIVED_KEY_TRUSTED_FOR_MS,
    };
  }

  /**
   * Appends a charge run (its key, attempts and waits) to the order's record, keeping the last
   * {@link KEPT_CHARGE_RUNS}: in the phase's transaction when it has one, or on its own when the
   * outcome is unknown and no phase commits.
   */
  async recordChargeRun(orderId: string, run: ChargeRun | undefined): Promise<void> {
    if (!run) return;
    await this.txHost.tx.$executeRaw`
      UPDATE orders SET charge_attempts = (
        SELECT COALESCE(jsonb_agg(kept.run ORDER BY kept.n), '[]'::jsonb)
        FROM (
          SELECT t.run, t.n FROM jsonb_array_elements(charge_attempts || ${JSON.stringify([run])}::jsonb) WITH ORDINALITY AS t(run, n)
          ORDER BY t.n DESC LIMIT ${KEPT_CHARGE_RUNS}
        ) kept
      )
      WHERE id = ${orderId}::uuid`;
  }

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

  /** The PaymentIntent that paid the order, once it is paid (as whoever settled it recorded it). */
  async paidBy(orderId: string): Promise<PaymentIntent | undefined> {
    const order = await this.txHost.tx.order.findUniqueOrThrow({ where: { id: orderId } });
    if (order.status !== 'paid' || !order.paymentIntentId) return undefined;
    return {
      id: order.paymentIntentId,
      amount: order.totalCents,
      currency: order.currency.toLowerCase(),
      status: 'succeeded',
      metadata: { order_id: order.id, user_id: order.userId },
    };
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
 * What {@link OrderPaymentsService.settle} did: `settled` (this call moved the order out of
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
