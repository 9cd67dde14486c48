'use client';

import { useSyncExternalStore } from 'react';
import type { BrowserStore } from './browser-store';

/**
 * The store's value, kept current. During the server render and hydration it is
 * `serverValue` (the server cannot see browser storage), then the stored value.
 */
export function useBrowserStore<T, S = T>(store: BrowserStore<T>, serverValue: S): T | S {
  return useSyncExternalStore<T | S>(store.subscribe, store.get, () => serverValue);
}
