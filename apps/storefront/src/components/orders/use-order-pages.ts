'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError, type OrderPage } from '@/lib/api';
import { useApiData, type ApiData } from '@/lib/use-api-data';
import { withNextPage, type LoadedOrders } from './order-pages';

/** The state of "Load more": idle, fetching the next page, or that fetch failed (the list so far stays). */
export type MoreOrders = { state: 'idle' } | { state: 'loading' } | { state: 'error'; error: ApiError };

/**
 * The customer's orders a page at a time (`GET /orders` with a cursor): the first page on mount,
 * and each next one on `loadMore()`. A reload starts again from the first page.
 */
export function useOrderPages(
  key: string,
  loadPage: (cursor?: string) => Promise<OrderPage>,
): {
  first: ApiData<OrderPage>;
  loaded: LoadedOrders | null;
  more: MoreOrders;
  loadMore: () => void;
} {
  const first = useApiData<OrderPage>(key, () => loadPage());
  const firstPage = first.state === 'ready' ? first.data : null;
  const [loaded, setLoaded] = useState<LoadedOrders | null>(null);
  const [more, setMore] = useState<MoreOrders>({ state: 'idle' });
  // Which first page the pages appended so far belong to: a reload drops them.
  const base = useRef<OrderPage | null>(null);

  useEffect(() => {
    base.current = firstPage;
    setLoaded(firstPage && { orders: firstPage.orders, nextCursor: firstPage.nextCursor });
    setMore({ state: 'idle' });
  }, [firstPage]);

  const loadMore = useCallback(() => {
    const cursor = loaded?.nextCursor;
    if (!cursor || more.state === 'loading') return;
    const from = base.current;
    setMore({ state: 'loading' });
    loadPage(cursor).then(
      (page) => {
        if (base.current !== from) return;
        setLoaded((current) => current && withNextPage(current, page));
        setMore({ state: 'idle' });
      },
      (error: unknown) => {
        if (base.current === from) setMore({ state: 'error', error: toApiError(error, '') });
      },
    );
  }, [loaded, more.state, loadPage]);

  return { first, loaded, more, loadMore };
}
