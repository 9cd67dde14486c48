import { AtomicPhase, runAtomicPhases } from './atomic-phases';
import type { IdempotencyKeyStore, Lease, StalledClaim } from './idempotency-key-store';
import { FINISHED, RecoveryPoint, STARTED, StoredResponse } from './idempotency-record';

/** What {@link resumeStalledOperations} needs: the operation's phases and how to run them. */
export interface StalledOperationsOptions {
  store: IdempotencyKeyStore;
  /** The operation's phases; keys at any of their recovery points but `started` are resumed. */
  phases: readonly AtomicPhase[];
  /** How long a lease must have lapsed before the worker steps in, in ms. */
  lapsedForMs: number;
  /** The worker's own lease on each key, in ms. */
  leaseMs: number;
  /** At most this many keys per call; they are driven concurrently, so this is also the call's concurrency. */
  limit: number;
  runInTransaction: <T>(work: () => Promise<T>) => Promise<T>;
  /** As the request path's: an error that is a final answer, stored instead of retried. */
  renderFinalAnswer?: (error: unknown) => StoredResponse | undefined;
  /** The claim's time, and a failed key's release time. Default: the clock at the call. */
  now?: Date;
}

/** What one pass of the worker did. */
export interface StalledOperationsReport {
  /** Keys driven to `finished`. */
  finished: Lease[];
  /** Keys that failed again; given back at their recovery point for a later pass or a retry. */
  failed: { lease: Lease; error: unknown }[];
}

/** The recovery points a worker resumes: the operation's own, never `started` or `finished`. */
export function recoveryPointsOf(phases: readonly AtomicPhase[]): RecoveryPoint[] {
  return [...new Set(phases.map((phase) => phase.from))].filter((point) => point !== STARTED && point !== FINISHED);
}

/**
 * One pass of a recovery worker (Brandur Leach's "completer"): takes over up to `limit` keys whose
 * holder crashed or whose client never retried, and drives each to `finished` by resuming its
 * phases, exactly as a retry with the same key would. Safe in several processes at once: each
 * stalled key goes to one worker only (`claimStalled`), and the lease fences a holder that comes back.
 */
export async function resumeStalledOperations(options: StalledOperationsOptions): Promise<StalledOperationsReport> {
  const now = options.now ?? new Date();
  const claimed = await options.store.claimStalled({
    recoveryPoints: recoveryPointsOf(options.phases),
    lapsedForMs: options.lapsedForMs,
    leaseMs: options.leaseMs,
    limit: options.limit,
    now,
  });
  const report: StalledOperationsReport = { finished: [], failed: [] };
  // All at once: the claim just renewed every lease, so none should wait behind another's charge.
  await Promise.all(claimed.map((claim) => driveToTheEnd(claim, options, now, report)));
  return report;
}

async function driveToTheEnd({ lease, resume }: StalledClaim, options: StalledOperationsOptions, now: Date, report: StalledOperationsReport): Promise<void> {
  try {
    await runAtomicPhases(options.phases, { store: options.store, lease, resume, input: undefined, runInTransaction: options.runInTransaction });
    report.finished.push(lease);
  } catch (error) {
    const final = options.renderFinalAnswer?.(error);
    if (final) {
      await options.store.complete(lease, final).then(
        () => report.finished.push(lease),
        (completeError: unknown) => report.failed.push({ lease, error: completeError }),
      );
      return;
    }
    // Released no earlier than the pass's own time, so a pass run at a later `now` (a test's) does
    // not find it due again at once: it falls due `lapsedForMs` after that (payments.md §2 "Recovery").
    await options.store.release(lease, latest(now, new Date())).catch(() => undefined);
    report.failed.push({ lease, error });
  }
}

function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
