'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { StorefrontApi } from '@/lib/api';

const ApiContext = createContext<StorefrontApi | null>(null);

/**
 * Hands the API's base URL, read on the server at request time, to every client component,
 * with one API client for the whole tab.
 */
export function ApiProvider({ baseUrl, children }: { baseUrl: string; children: ReactNode }) {
  const api = useMemo(() => new StorefrontApi(baseUrl), [baseUrl]);
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): StorefrontApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it (see app/layout.tsx)');
  return api;
}
