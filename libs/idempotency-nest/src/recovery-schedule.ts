import type { StalledOperationsDrainReport } from '@safe-checkout/idempotency';

/**
 * How often each process's recovery worker checks whether its next drain is due, in ms. It is
 * the worst delay between an operation falling due and its drain starting: part of the recovery
 * margin (payments.md §2 "Recovery"). A tick that is not due costs one comparison.
 */
export const RECOVERY_TICK_MS = 250;
/**
 * The longest the worker sleeps without looking, in ms, whatever the next due time said: a key
 * stalled after the last look (a process crashed since) falls due no sooner than the worker's
 * `lapsedForMs` after it, and this bounds clock skew between processes.
 */
export const MAX_RECOVERY_SLEEP_MS = 5_000;
/** The shortest sleep after a drain in which every operation failed again, in ms: no busy loop on a broken key. */
export const FAILED_DRAIN_SLEEP_MS = 1_000;

/**
 * When the next drain should start, in ms since the epoch: at the next due time, but no later
 * than {@link MAX_RECOVERY_SLEEP_MS} (nor than the recovery delay, when that is shorter) from now.
 */
export function nextRecoveryDrainAtMs(report: StalledOperationsDrainReport | undefined, nowMs: number, lapsedForMs: number): number {
  const latest = nowMs + Math.max(RECOVERY_TICK_MS, Math.min(MAX_RECOVERY_SLEEP_MS, lapsedForMs));
  if (report === undefined) return nowMs + MAX_RECOVERY_SLEEP_MS; // the store failed: try again later
  const earliest = report.stoppedBecause === 'all-failed' ? nowMs + FAILED_DRAIN_SLEEP_MS : nowMs;
  const dueAtMs = report.nextDueAt?.getTime() ?? latest;
  return Math.max(earliest, Math.min(latest, dueAtMs));
}
