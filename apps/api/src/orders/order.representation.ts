import type { Order, OrderLine } from '@safe-checkout/db';

/** An order as the API shows it (http-contract.md "Orders"). */
export interface OrderView {
  id: string;
  userId: string;
  status: string;
  items: { productId: string; quantity: number; unitPriceCents: number }[];
  totalCents: number;
  currency: string;
  createdAt: string;
}

export function toOrderView(order: Order & { lines: OrderLine[] }): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    items: [...order.lines]
      .sort((a, b) => a.position - b.position)
      .map((line) => ({ productId: line.productId, quantity: line.quantity, unitPriceCents: line.unitPriceCents })),
    totalCents: order.totalCents,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
  };
}
