import { recoveryPointsOf, resumeStalledOperations, StalledOperationsOptions, StalledOperationsReport } from './stalled-operations';

/** What {@link drainStalledOperations} needs besides what one pass needs. */
export interface StalledOperationsDrainOptions extends Omit<StalledOperationsOptions, 'limit' | 'now'> {
  /** Keys driven at once, a positive integer; each round claims at most this many. */
  concurrency: number;
  /**
   * How long, in ms, the foreign service asked everyone to wait (its `Retry-After`, or a spent
   * retry budget); 0 when work may go. Read before every round. Default: never wait.
   */
  holdOffMs?: () => number;
  /** Default: the system clock. */
  clock?: () => Date;
  /** Ends the drain before its next round or wait (shutdown). */
  signal?: AbortSignal;
  /** Told, before every round, how long the oldest due key has been due, in ms (0 when none is). */
  onOldestDueAge?: (ageMs: number) => void;
  /** Told what every round did. */
  onRound?: (report: StalledOperationsReport) => void;
}

/**
 * Why a drain stopped: nothing is due; due keys exist but another worker holds them
 * (`contended`); every key of the last round failed again (`all-failed`); or `aborted`.
 */
export type DrainStop = 'nothing-due' | 'contended' | 'all-failed' | 'aborted';

/** What a whole drain did, and when the next key falls due. */
export interface StalledOperationsDrainReport {
  finished: number;
  failed: number;
  rounds: number;
  stoppedBecause: DrainStop;
  /** The earliest lease expiry plus `lapsedForMs`: when the next stalled key falls due, possibly past; undefined when none waits. */
  nextDueAt?: Date;
}

/**
 * Resumes stalled operations round after round until nothing is due (payments.md §2 "Recovery"),
 * so a backlog is finished at the rate the foreign service allows instead of a fixed batch per
 * interval. Each round claims at most `concurrency` keys (`claimStalled` skips keys that another
 * process is taking, so processes share a backlog) and drives them concurrently through
 * {@link resumeStalledOperations}, the path the request path shares. While `holdOffMs` says so,
 * no round starts; after such a wait the drain starts again with one key and doubles its window
 * with every round that fully succeeds, so a service that just came back is probed, not stormed.
 *
 * @example
 * const report = await drainStalledOperations({ store, phases, lapsedForMs: 60_000, leaseMs: 30_000, concurrency: 8, runInTransaction });
 * // sleep until report.nextDueAt, then drain again
 */
export async function drainStalledOperations(options: StalledOperationsDrainOptions): Promise<StalledOperationsDrainReport> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  const clock = options.clock ?? (() => new Date());
  const recoveryPoints = recoveryPointsOf(options.phases);
  const totals = { finished: 0, failed: 0, rounds: 0 };
  let window = options.concurrency;
  for (;;) {
    const earliest = await options.store.earliestLeaseExpiry(recoveryPoints);
    const nextDueAt = earliest && new Date(earliest.getTime() + options.lapsedForMs);
    const overdueMs = nextDueAt ? clock().getTime() - nextDueAt.getTime() : -1;
    options.onOldestDueAge?.(Math.max(0, overdueMs));
    const stop = (stoppedBecause: DrainStop): StalledOperationsDrainReport => ({ ...totals, stoppedBecause, nextDueAt });
    if (options.signal?.aborted) return stop('aborted');
    if (overdueMs < 0) return stop('nothing-due');
    if (await waitWhileHeldOff(options)) window = 1;
    if (options.signal?.aborted) return stop('aborted');

    const round = await resumeStalledOperations({ ...options, limit: window, now: clock() });
    totals.rounds++;
    totals.finished += round.finished.length;
    totals.failed += round.failed.length;
    options.onRound?.(round);
    if (round.finished.length + round.failed.length === 0) return stop('contended');
    if (round.finished.length === 0) return stop('all-failed');
    if (round.failed.length === 0) window = Math.min(options.concurrency, window * 2);
  }
}

// Resolves to whether it waited at all.
async function waitWhileHeldOff({ holdOffMs, signal }: StalledOperationsDrainOptions): Promise<boolean> {
  let waited = false;
  for (let ms = holdOffMs?.() ?? 0; ms > 0 && !signal?.aborted; ms = holdOffMs?.() ?? 0) {
    waited = true;
    await sleep(ms, signal);
  }
  return waited;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
