import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PrismaClient } from '@safe-checkout/db';
import { requireOwnerId } from '../auth/owner-scope';
import { PrismaTransactionHost } from '../database/transaction-host';
import { ProblemException } from '../problems/problem.exception';
import type { PaymentIntent } from './charge-outcome';
import type { ChargeRun } from './charge-attempts';
import type { CheckoutInput } from './checkout-input';
import { toOrderView, OrderView } from '../orders/order.representation';
import { chargeableTotalCents, orderTotalCents } from './order-total';
import type { OrderToCharge } from './order-to-charge';
import { quantitiesByProduct } from './stock-reservation';

// Stripe keeps idempotency keys for 24 hours; an hour's margin for clocks and slow recoveries.
const DERIVED_KEY_TRUSTED_FOR_MS = 23 * 3_600_000;

/**
 * How many charge runs an order keeps on record, the newest: a checkout that waits out a long
 * provider outage gets a run per recovery pass, and neither the row nor every `GET /orders` page
 * may grow with that (nothing listed grows unbounded).
 */
export const KEPT_CHARGE_RUNS = 20;

/**
 * The checkout's statements on the order, in the order its phases run them (payments.md §2):
 * create it awaiting payment (phase 1), read what to charge (phase 2), keep the charge's attempts
 * (phases 2 and 3). Writes run in the phase's transaction (`txHost.tx`).
 */
@Injectable()
export class CheckoutStatements {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
  ) {}

  /**
   * Creates the order awaiting payment, its lines (unit prices copied from the catalog) and takes
   * the stock, in the phase's transaction, which also moves its key to `order_created`, so the
   * order and the key's progress commit together. The lines are priced and the total checked
   * before any stock is taken (http-contract.md "Orders": `order-total-out-of-range`).
   */
  async createAwaitingPayment({ userId, items, paymentMethod }: CheckoutInput): Promise<OrderView> {
    const { lines, currency } = await this.priceLines(items);
    const totalCents = chargeableTotalCents(orderTotalCents(lines), currency);
    await this.takeStock(items);
    const order = await this.txHost.tx.order.create({
      data: { userId: requireOwnerId(userId), status: 'awaiting_payment', paymentMethod, totalCents, currency, lines: { create: lines } },
      include: { lines: true },
    });
    return toOrderView(order);
  }

  /** The order as its charge needs it. */
  async orderToCharge(orderId: string, now = new Date()): Promise<OrderToCharge> {
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

  // The catalog's prices are read, not locked: no route changes a price, and an order keeps the
  // unit price it was placed at whatever the catalog does later.
  private async priceLines(items: CheckoutInput['items']): Promise<{ lines: PricedLine[]; currency: string }> {
    const products = await this.txHost.tx.product.findMany({ where: { id: { in: items.map((i) => i.productId) } } });
    const byId = new Map(products.map((p) => [p.id, p]));
    const missing = items.find((item) => !byId.has(item.productId));
    if (missing) throw new ProblemException('unknown-product', `There is no product ${missing.productId}.`, { productId: missing.productId });
    const currencies = new Set(products.map((p) => p.currency));
    if (currencies.size > 1) throw new ProblemException('mixed-currency', `The order mixes ${[...currencies].join(', ')}.`);
    const lines = items.map((item, position) => ({
      position,
      productId: item.productId,
      quantity: item.quantity,
      unitPriceCents: byId.get(item.productId)!.priceCents,
    }));
    return { lines, currency: products[0].currency };
  }

  // A conditional decrement (stock >= quantity) instead of read-then-write: two orders for the
  // last unit cannot both succeed, and the CHECK (stock >= 0) constraint backs it up.
  private async takeStock(items: CheckoutInput['items']): Promise<void> {
    const tx = this.txHost.tx;
    for (const [productId, quantity] of quantitiesByProduct(items)) {
      const { count } = await tx.product.updateMany({
        where: { id: productId, stock: { gte: quantity } },
        data: { stock: { decrement: quantity } },
      });
      if (count === 1) continue;
      const product = await tx.product.findUniqueOrThrow({ where: { id: productId } });
      throw new ProblemException('insufficient-stock', `Only ${product.stock} of ${product.sku} left; ${quantity} requested.`, {
        productId,
        requested: quantity,
        available: product.stock,
      });
    }
  }
}

interface PricedLine {
  position: number;
  productId: string;
  quantity: number;
  unitPriceCents: number;
}
