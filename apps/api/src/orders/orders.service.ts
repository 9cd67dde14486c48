import { Inject, Injectable, Optional } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PrismaClient } from '@safe-checkout/db';
import { ownedBy, requireOwnerId } from '../auth/owner-scope';
import { PrismaTransactionHost } from '../database/transaction-host';
import { ProblemException } from '../problems/problem.exception';
import type { CheckoutInput } from './checkout.phases';
import { ORDER_FAULT_HOOK, OrderFaultHook } from './order-fault-hook';
import { encodeOrderCursor, OrderCursor } from './order-cursor';
import type { OrderPageView } from './order-page.representation';
import { ORDER_WITH_RECEIPT, toOrderView, OrderView } from './order.representation';
import { chargeableTotalCents, orderTotalCents } from './order-total';
import { quantitiesByProduct } from './stock-reservation';

@Injectable()
export class OrdersService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
    @Optional() @Inject(ORDER_FAULT_HOOK) private readonly faultHook?: OrderFaultHook,
  ) {}

  /**
   * Creates the order awaiting payment, its lines (unit prices copied from the catalog) and takes
   * the stock, in one transaction: the checkout phase's, which also moves its key to
   * `order_created` (checkout.phases.ts), so the order and the key's progress commit together.
   * The lines are priced and the total checked before any stock is taken (http-contract.md
   * "Orders": `order-total-out-of-range`).
   */
  createAwaitingPayment({ userId, items, paymentMethod }: CheckoutInput): Promise<OrderView> {
    return this.txHost.withTransaction(async () => {
      const { lines, currency } = await this.priceLines(items);
      const totalCents = chargeableTotalCents(orderTotalCents(lines), currency);
      await this.takeStock(items);
      this.faultHook?.afterStockTaken();
      const order = await this.txHost.tx.order.create({
        data: { userId: requireOwnerId(userId), status: 'awaiting_payment', paymentMethod, totalCents, currency, lines: { create: lines } },
        include: { lines: true },
      });
      return toOrderView(order);
    });
  }

  /**
   * One page of the caller's orders, newest first: keyset pagination on (created_at desc, id desc),
   * served by the index orders_user_id_created_at_id_idx. Unlike an offset, the cursor names the
   * last order seen, so orders placed between two pages neither repeat nor hide older ones.
   *
   * @param limit - orders per page (ListOrdersQuery bounds it: 1–100, default 20)
   * @param cursor - the `nextCursor` of the previous page; absent for the first
   */
  async list(userId: string, limit: number, cursor?: OrderCursor): Promise<OrderPageView> {
    const orders = await this.prisma.order.findMany({
      where: {
        ...ownedBy(userId),
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      // One more than the page: whether it exists says whether there is a next page.
      take: limit + 1,
      include: ORDER_WITH_RECEIPT,
    });
    const page = orders.slice(0, limit);
    const last = page.at(-1);
    return { data: page.map(toOrderView), nextCursor: orders.length > limit && last ? encodeOrderCursor(last) : null };
  }

  async get(userId: string, orderId: string): Promise<OrderView> {
    // Another user's order is indistinguishable from a missing one (http-contract.md: 404).
    const order = UUID.test(orderId) ? await this.prisma.order.findFirst({ where: { id: orderId, ...ownedBy(userId) }, include: ORDER_WITH_RECEIPT }) : null;
    if (!order) throw new ProblemException('not-found', `You have no order ${orderId}.`);
    return toOrderView(order);
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
