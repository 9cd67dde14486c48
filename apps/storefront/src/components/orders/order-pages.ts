import type { Order, OrderPage } from '@/lib/api';

/** The pages of orders loaded so far, as one list, and where the next page starts (`null`: none left). */
export interface LoadedOrders {
  orders: Order[];
  nextCursor: string | null;
}

/**
 * `loaded` with `page` (the page after it) appended. The API's cursor pages never overlap; an
 * order already shown is still skipped, so that a page fetched twice (a double-click on "Load
 * more" racing a reload) can never list an order twice.
 */
export function withNextPage(loaded: LoadedOrders, page: OrderPage): LoadedOrders {
  const shown = new Set(loaded.orders.map((order) => order.id));
  return { orders: [...loaded.orders, ...page.orders.filter((order) => !shown.has(order.id))], nextCursor: page.nextCursor };
}
