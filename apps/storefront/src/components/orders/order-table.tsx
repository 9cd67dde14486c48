import Link from 'next/link';
import type { ApiError, Order } from '@/lib/api';
import { formatDateTime, formatMoney, shortId } from '@/lib/format';
import { Loading } from '../ui/loading';
import { ProblemNotice } from '../ui/problem-notice';
import { OrderStatusBadge } from './order-status-badge';
import styles from './orders.module.css';

/** "Load more": idle, fetching the next page, or that fetch failed (the orders so far stay). */
export type MoreOrders = { state: 'idle' } | { state: 'loading' } | { state: 'error'; error: ApiError };

export interface OrderTableProps {
  orders: Order[];
  names: ReadonlyMap<string, string>;
  /** The API named a next page. */
  hasMore: boolean;
  more: MoreOrders;
  onLoadMore: () => void;
}

/** The orders loaded so far, newest first, and "Load more" while the API names a next page. */
export function OrderTable({ orders, names, hasMore, more, onLoadMore }: OrderTableProps) {
  return (
    <>
      <div className="table-wrap card">
        <table className="table">
          <caption className="visually-hidden">Your orders, newest first</caption>
          <thead>
            <tr>
              {['Placed', 'Order', 'Items', 'Total', 'Status'].map((heading) => (
                <th key={heading} scope="col" className={heading === 'Total' ? 'numeric' : undefined}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id} data-testid="order-row">
                <td>{formatDateTime(order.createdAt)}</td>
                <td>
                  <Link href={`/orders/${order.id}`} className={styles.orderLink}>
                    {shortId(order.id)}
                  </Link>
                </td>
                <td className={styles.items}>{order.items.map((l) => `${l.quantity} × ${names.get(l.productId) ?? 'item'}`).join(', ')}</td>
                <td className="numeric">{formatMoney({ cents: order.totalCents, currency: order.currency })}</td>
                <td>
                  <OrderStatusBadge status={order.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasMore && <LoadMore more={more} onLoadMore={onLoadMore} />}
    </>
  );
}

function LoadMore({ more, onLoadMore }: { more: MoreOrders; onLoadMore: () => void }) {
  if (more.state === 'loading') return <Loading label="Loading more orders…" />;
  if (more.state === 'error') return <ProblemNotice error={more.error} onRetry={onLoadMore} retryLabel="Load more" />;
  return (
    <p className={styles.loadMore}>
      <button type="button" className="button button--secondary" onClick={onLoadMore}>
        Load more
      </button>
    </p>
  );
}
