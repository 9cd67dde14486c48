'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, toApiError } from '@/lib/api';
import type { ChaosAdmin, ChaosChange, ChaosStatus } from '@/lib/chaos';

/**
 * How often an open panel reads the proxy again, in milliseconds: often enough that the counts
 * follow a checkout's retries, rarely enough to be no load (the proxy answers from memory).
 */
const POLL_INTERVAL_MS = 2_000;

export interface ChaosStatusState {
  /** The proxy's latest settings and counts; `null` until the first answer. */
  status: ChaosStatus | null;
  /** Why the latest read failed; cleared by the next answer. */
  error: ApiError | null;
  refresh(): void;
  /** Applies a change and shows its result at once; throws `ApiError`. */
  change(change: ChaosChange): Promise<ChaosStatus>;
}

/**
 * The proxy's settings and counts, read again every couple of seconds while `live`. With no
 * `admin` (that hop has no proxy in this demo) it reads nothing and stays `null`.
 */
export function useChaosStatus(admin: ChaosAdmin | null, live: boolean): ChaosStatusState {
  const [status, setStatus] = useState<ChaosStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Answers can arrive out of order (a poll sent before a PUT may come back after it): only an
  // answer to a newer call than the one on screen may replace it.
  const sent = useRef(0);
  const shown = useRef(0);

  const track = useCallback(
    async (call: (admin: ChaosAdmin) => Promise<ChaosStatus>): Promise<ChaosStatus> => {
      if (!admin) throw new ApiError('unreachable', 'No chaos proxy on this hop', 'This demo runs no chaos proxy here.', 'definite');
      const id = ++sent.current;
      try {
        const next = await call(admin);
        if (id > shown.current) {
          shown.current = id;
          setStatus(next);
          setError(null);
        }
        return next;
      } catch (failure) {
        throw toApiError(failure, admin.adminUrl);
      }
    },
    [admin],
  );

  const refresh = useCallback(() => {
    track((a) => a.status()).catch((failure: ApiError) => setError(failure));
  }, [track]);

  useEffect(() => {
    if (!live || !admin) return;
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [live, admin, refresh]);

  const change = useCallback((c: ChaosChange) => track((a) => a.change(c)), [track]);
  return { status, error, refresh, change };
}
