'use client';

import { QueryClient, QueryClientProvider, keepPreviousData } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { StorefrontApi, type ApiError } from '@/lib/api';

declare module '@tanstack/react-query' {
  // StorefrontApi, readChaos and changeChaos throw nothing else.
  interface Register {
    defaultError: ApiError;
  }
}

const ApiContext = createContext<StorefrontApi | null>(null);

/** One API client for the whole tab, from the base URL read on the server per request, and the tab's query cache for its reads. */
export function ApiProvider({ baseUrl, children }: { baseUrl: string; children: ReactNode }) {
  const api = useMemo(() => new StorefrontApi(baseUrl), [baseUrl]);
  const [queries] = useState(() => new QueryClient({ defaultOptions: { queries: READ_DEFAULTS } }));
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queries}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

const READ_DEFAULTS = {
  // The tab's retrying client already retries every read, within the tab's one retry budget.
  retry: false,
  // Read on mount and when a key changes, nothing more: no extra load on a shop under chaos.
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  // Nothing is served from a cache after its page is gone: a profile's ETag is always the shop's latest.
  gcTime: 0,
  // While a newer read is pending (a key changed), what was on screen stays.
  placeholderData: keepPreviousData,
} as const;

export function useApi(): StorefrontApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it (see app/layout.tsx)');
  return api;
}
