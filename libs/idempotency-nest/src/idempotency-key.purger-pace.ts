/**
 * Longest pause between two batches of the purge, in ms. A batch slowed to seconds (a saturated
 * server, a lock wait) is still followed by a pause no longer than this, so that a backlog keeps
 * draining: one batch per (its own time + at most 1 s).
 */
export const MAX_PURGE_PAUSE_MS = 1_000;

/**
 * The pause after a purge batch that took `batchMs`: as long as the batch, at most
 * {@link MAX_PURGE_PAUSE_MS}. Busy half the time at most, the purge leaves the other half of its
 * database backend to checkouts, and a slow batch (a busy server) makes it back off as much.
 */
export function purgePauseMs(batchMs: number): number {
  return Math.min(Math.max(batchMs, 0), MAX_PURGE_PAUSE_MS);
}
