import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PrismaClient } from '@safe-checkout/db';
import { PrismaTransactionHost } from '../database/transaction-host';
import type { PaymentIntent } from '../payments/charge-answer';
import type { ChargeRun } from '../payments/charge-attempts';
import type { OrderToCharge } from '../payments/payment-provider';
import { toOrderView, OrderView } from './order.representation';
import { quantitiesByProduct } from './stock-reservation';

// Stripe keeps idempotency keys for 24 hours; an hour's margin for clocks and slow recoveries.
const DERIVED_KEY_TRUSTED_FOR_MS = 23 * 3_600_000;

/**
 * How many charge runs an order keeps on record, the newest: a checkout that waits out a long
 * provider outage gets a run per recovery pass, and neither the row nor every `GET /orders` page
 * may grow with that (issue 19: no list that grows with use).
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
    if (order.status !== 'awaiting_payment' || !order.paymentMethod) {
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

  /** Marks the order paid by `paymentIntent`, which must be for this order's total and currency. */
  async markPaid(orderId: string, paymentIntent: PaymentIntent): Promise<OrderView> {
    const tx = this.txHost.tx;
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    if (
      paymentIntent.amount !== order.totalCents ||
      paymentIntent.currency.toLowerCase() !== order.currency.toLowerCase() ||
      paymentIntent.metadata?.order_id !== orderId
    ) {
      throw new Error(
        `PaymentIntent ${paymentIntent.id} (${paymentIntent.amount} ${paymentIntent.currency}) does not pay order ${orderId} (${order.totalCents} ${order.currency})`,
      );
    }
    const paid = await tx.order.update({
      where: { id: orderId, status: 'awaiting_payment' },
      data: { status: 'paid', paymentIntentId: paymentIntent.id, paidAt: new Date() },
      include: { lines: true },
    });
    return toOrderView(paid);
  }

  /** Marks the order's payment failed and gives its stock back: nothing was charged. */
  async markPaymentFailed(orderId: string): Promise<OrderView> {
    const tx = this.txHost.tx;
    const failed = await tx.order.update({ where: { id: orderId, status: 'awaiting_payment' }, data: { status: 'payment_failed' }, include: { lines: true } });
    for (const [productId, quantity] of quantitiesByProduct(failed.lines)) {
      await tx.product.update({ where: { id: productId }, data: { stock: { increment: quantity } } });
    }
    return toOrderView(failed);
  }
}
