'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useApi } from '../providers/api-provider';
import { Loading } from '../ui/loading';
import { useSignedInSession } from '../ui/signed-in-only';
import { ProblemNotice } from '../ui/problem-notice';
import { OrderTable, type MoreOrders } from './order-table';
import { useProductNames } from './use-product-names';

/** The customer's orders, a page at a time as the API lists them (`GET /orders` with a cursor). */
export function OrderList() {
  const api = useApi();
  const session = useSignedInSession();
  const pages = useInfiniteQuery({
    queryKey: ['orders', session.user.id],
    queryFn: ({ pageParam }) => api.listOrders(session, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const names = useProductNames();

  if (pages.isError && !pages.isFetchNextPageError) return <ProblemNotice error={pages.error} onRetry={() => void pages.refetch()} />;
  if (!pages.data) return <Loading label="Loading your orders…" />;
  const orders = pages.data.pages.flatMap((page) => page.data);
  if (orders.length === 0) {
    return (
      <div className="card">
        <p>No orders yet.</p>
        <Link className="button button--secondary" href="/">
          Browse the shop
        </Link>
      </div>
    );
  }
  // A failed next page leaves the orders loaded so far on screen, with the error under them.
  const more: MoreOrders = pages.isFetchingNextPage
    ? { state: 'loading' }
    : pages.isFetchNextPageError
      ? { state: 'error', error: pages.error }
      : { state: 'idle' };
  return <OrderTable orders={orders} names={names} hasMore={pages.hasNextPage} more={more} onLoadMore={() => void pages.fetchNextPage()} />;
}
