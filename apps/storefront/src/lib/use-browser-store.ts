'use client';

import { useSyncExternalStore } from 'react';
import type { BrowserStore } from './browser-store';

/** The store's value; `serverValue` during the server render and hydration, which cannot see browser storage. */
export function useBrowserStore<T, S = T>(store: BrowserStore<T>, serverValue: S): T | S {
  return useSyncExternalStore<T | S>(store.subscribe, store.get, () => serverValue);
}
