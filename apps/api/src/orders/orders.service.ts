import { Inject, Injectable, Optional } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PrismaClient } from '@safe-checkout/db';
import { ownedBy, requireOwnerId } from '../auth/owner-scope';
import { PrismaTransactionHost } from '../database/transaction-host';
import { ProblemException } from '../problems/problem.exception';
import type { CheckoutInput } from './checkout.phases';
import { ORDER_FAULT_HOOK, OrderFaultHook } from './order-fault-hook';
import { toOrderView, OrderView } from './order.representation';
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
   */
  createAwaitingPayment({ userId, items, paymentMethod }: CheckoutInput): Promise<OrderView> {
    return this.txHost.withTransaction(async () => {
      const prices = await this.takeStock(items);
      this.faultHook?.afterStockTaken();
      const currencies = new Set([...prices.values()].map((p) => p.currency));
      if (currencies.size > 1) throw new ProblemException('mixed-currency', `The order mixes ${[...currencies].join(', ')}.`);
      const lines = items.map((item, position) => ({
        position,
        productId: item.productId,
        quantity: item.quantity,
        unitPriceCents: prices.get(item.productId)!.priceCents,
      }));
      const order = await this.txHost.tx.order.create({
        data: {
          userId: requireOwnerId(userId),
          status: 'awaiting_payment',
          paymentMethod,
          totalCents: lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
          currency: [...currencies][0],
          lines: { create: lines },
        },
        include: { lines: true },
      });
      return toOrderView(order);
    });
  }

  async list(userId: string): Promise<OrderView[]> {
    const orders = await this.prisma.order.findMany({
      where: ownedBy(userId),
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: { lines: true },
    });
    return orders.map(toOrderView);
  }

  async get(userId: string, orderId: string): Promise<OrderView> {
    // Another user's order is indistinguishable from a missing one (http-contract.md: 404).
    const order = UUID.test(orderId) ? await this.prisma.order.findFirst({ where: { id: orderId, ...ownedBy(userId) }, include: { lines: true } }) : null;
    if (!order) throw new ProblemException('not-found', `You have no order ${orderId}.`);
    return toOrderView(order);
  }

  // A conditional decrement (stock >= quantity) instead of read-then-write: two orders for the
  // last unit cannot both succeed, and the CHECK (stock >= 0) constraint backs it up.
  private async takeStock(items: CheckoutInput['items']): Promise<Map<string, { priceCents: number; currency: string }>> {
    const tx = this.txHost.tx;
    for (const [productId, quantity] of quantitiesByProduct(items)) {
      const { count } = await tx.product.updateMany({
        where: { id: productId, stock: { gte: quantity } },
        data: { stock: { decrement: quantity } },
      });
      if (count === 1) continue;
      const product = await tx.product.findUnique({ where: { id: productId } });
      if (!product) throw new ProblemException('unknown-product', `There is no product ${productId}.`, { productId });
      throw new ProblemException('insufficient-stock', `Only ${product.stock} of ${product.sku} left; ${quantity} requested.`, {
        productId,
        requested: quantity,
        available: product.stock,
      });
    }
    const products = await tx.product.findMany({ where: { id: { in: items.map((i) => i.productId) } } });
    return new Map(products.map((p) => [p.id, { priceCents: p.priceCents, currency: p.currency }]));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
