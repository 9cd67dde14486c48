'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '@/lib/api';
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
 * The proxy's settings and counts, read again every couple of seconds while `live` and the tab
 * is visible. With no `admin` (that hop has no proxy in this demo) it reads nothing and stays `null`.
 */
export function useChaosStatus(admin: ChaosAdmin | null, live: boolean): ChaosStatusState {
  const queries = useQueryClient();
  const read = useQuery({
    queryKey: ['chaos', admin?.adminUrl],
    queryFn: () => admin!.status(),
    enabled: live && admin !== null,
    refetchInterval: POLL_INTERVAL_MS,
  });

  const change = useCallback(
    async (c: ChaosChange) => {
      if (!admin) throw new ApiError('unreachable', 'No chaos proxy on this hop', 'This demo runs no chaos proxy here.');
      const next = await admin.change(c);
      // A poll sent before the PUT may still be on its way: cancelled, it cannot put the old settings back on screen.
      await queries.cancelQueries({ queryKey: ['chaos', admin.adminUrl] });
      queries.setQueryData(['chaos', admin.adminUrl], next);
      return next;
    },
    [admin, queries],
  );
  return { status: read.data ?? null, error: read.error, refresh: () => void read.refetch(), change };
}
