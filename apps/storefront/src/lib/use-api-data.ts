'use client';

import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './api';

export type ApiData<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'ready'; data: T; refreshing: boolean; reload: () => void }
  | { state: 'error'; error: ApiError; reload: () => void };

interface Loaded<T> {
  for: string;
  /** The last data loaded, kept while a newer load is pending or failed. */
  data?: T;
  error?: ApiError;
}

/**
 * Loads data from the API when the component mounts and whenever `key` changes; `reload()`
 * loads it again. The previous data stays on screen while a newer load is pending. The answer
 * of a load that is no longer wanted (the key changed, the component unmounted) is ignored.
 */
export function useApiData<T>(key: string, load: () => Promise<T>): ApiData<T> {
  const [generation, setGeneration] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const wanted = `${key}#${generation}`;

  // `load` is a new closure on every render: `wanted` alone says when to load again.
  useEffect(() => {
    let current = true;
    load().then(
      (data) => {
        if (current) setLoaded({ for: wanted, data });
      },
      (error: unknown) => {
        if (current) setLoaded((previous) => ({ for: wanted, data: previous?.data, error: toApiError(error, '') }));
      },
    );
    return () => {
      current = false;
    };
  }, [wanted]);

  const fresh = loaded?.for === wanted;
  if (loaded?.error && fresh) return { state: 'error', error: loaded.error, reload };
  if (loaded?.data !== undefined) return { state: 'ready', data: loaded.data, refreshing: !fresh, reload };
  return { state: 'loading', reload };
}
