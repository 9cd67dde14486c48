import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '@safe-checkout/db';
import { ownedBy } from '../auth/owner-scope';
import { ProblemException } from '../problems/problem.exception';
import { encodeOrderCursor, OrderCursor } from './order-cursor';
import type { OrderPageView } from './order-page.representation';
import { ORDER_WITH_RECEIPT, toOrderView, OrderView } from './order.representation';

/** Reads the caller's orders; the checkout (checkout/) is what writes them. */
@Injectable()
export class OrdersService {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
