import type { Order } from '@/lib/api';
import { withNextPage } from './order-pages';

const order = (id: string): Order => ({
  id,
  status: 'paid',
  lines: [{ productId: 'mug', quantity: 1, unitPrice: { cents: 500, currency: 'EUR' } }],
  total: { cents: 500, currency: 'EUR' },
  createdAt: '2026-12-07T12:00:00.000Z',
});

describe('withNextPage(loaded, page)', () => {
  it('when the next page comes, appends its orders after those shown and takes its cursor', () => {
    const loaded = { orders: [order('a'), order('b')], nextCursor: 'c1' };
    expect(withNextPage(loaded, { orders: [order('c'), order('d')], nextCursor: 'c2' })).toEqual({
      orders: [order('a'), order('b'), order('c'), order('d')],
      nextCursor: 'c2',
    });
  });

  it('when the page is the last, leaves no cursor: "Load more" goes away', () => {
    expect(withNextPage({ orders: [order('a')], nextCursor: 'c1' }, { orders: [order('b')], nextCursor: null }).nextCursor).toBeNull();
  });

  it('when a page brings an order already shown (the same page fetched twice), lists it once', () => {
    const loaded = { orders: [order('a'), order('b')], nextCursor: 'c1' };
    expect(withNextPage(loaded, { orders: [order('b'), order('c')], nextCursor: null }).orders.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});
