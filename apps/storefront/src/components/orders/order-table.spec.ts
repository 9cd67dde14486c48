import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ApiError, type Order } from '@/lib/api';
import { OrderTable, type OrderTableProps } from './order-table';

const order = (id: string): Order => ({
  id,
  userId: '00000000-0000-4000-8000-0000000000aa',
  status: 'paid',
  items: [{ productId: 'mug', quantity: 2, unitPriceCents: 1200 }],
  totalCents: 2400,
  currency: 'EUR',
  createdAt: '2026-12-07T12:00:00.000Z',
});
const TWENTY = Array.from({ length: 20 }, (_, i) => order(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));

function render(props: Partial<OrderTableProps>): { html: string; text: string } {
  const html = renderToStaticMarkup(
    createElement(OrderTable, { orders: TWENTY, names: new Map([['mug', 'Mug']]), hasMore: false, more: { state: 'idle' }, onLoadMore: () => {}, ...props }),
  );
  return { html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

describe('<OrderTable orders hasMore more>', () => {
  it('when the API named a next page, lists the orders loaded so far and offers "Load more"', () => {
    const { html, text } = render({ hasMore: true });
    expect(html.match(/data-testid="order-row"/g)).toHaveLength(20);
    expect(text).toContain('2 × Mug');
    expect(html).toMatch(/<button type="button" class="button button--secondary">Load more<\/button>/);
  });

  it('when the last page is loaded, offers no "Load more"', () => {
    expect(render({ hasMore: false }).text).not.toContain('Load more');
  });

  it('while the next page loads, says so instead of offering the button again', () => {
    const { html, text } = render({ hasMore: true, more: { state: 'loading' } });
    expect(text).toContain('Loading more orders…');
    expect(html).not.toContain('<button');
  });

  it('when loading the next page failed, keeps the orders shown and offers to try again', () => {
    const error = new ApiError('problem', 'The shop is temporarily unavailable', 'Try again in a moment.', {
      status: 503,
      slug: 'service-unavailable',
    });
    const { html, text } = render({ hasMore: true, more: { state: 'error', error } });
    expect(html.match(/data-testid="order-row"/g)).toHaveLength(20);
    expect(text).toContain('The shop is temporarily unavailable');
    expect(text).toContain('Load more');
  });

  it("names each order's status, and a status this storefront does not know as such", () => {
    const { text } = render({
      orders: [order('00000000-0000-4000-8000-000000000001'), { ...order('00000000-0000-4000-8000-000000000002'), status: 'refunded' as Order['status'] }],
    });
    expect(text).toContain('Paid');
    expect(text).toContain('Unknown status');
  });
});
