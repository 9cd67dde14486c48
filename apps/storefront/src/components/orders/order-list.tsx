'use client';

import Link from 'next/link';
import { useApi } from '../providers/api-provider';
import { Loading } from '../ui/loading';
import { useSignedInSession } from '../ui/signed-in-only';
import { ProblemNotice } from '../ui/problem-notice';
import { OrderTable } from './order-table';
import { useOrderPages } from './use-order-pages';
import { useProductNames } from './use-product-names';

/** The customer's orders, newest first, a page at a time as the API lists them ("Load more"). */
export function OrderList() {
  const api = useApi();
  const session = useSignedInSession();
  const { first, loaded, more, loadMore } = useOrderPages(`orders:${session.user.id}`, (cursor) => api.listOrders(session, cursor));
  const names = useProductNames();

  if (first.state === 'error') return <ProblemNotice error={first.error} onRetry={first.reload} />;
  if (first.state === 'loading' || loaded === null) return <Loading label="Loading your orders…" />;
  if (loaded.orders.length === 0) {
    return (
      <div className="card">
        <p>No orders yet.</p>
        <Link className="button button--secondary" href="/">
          Browse the shop
        </Link>
      </div>
    );
  }
  return <OrderTable orders={loaded.orders} names={names} hasMore={loaded.nextCursor !== null} more={more} onLoadMore={loadMore} />;
}
