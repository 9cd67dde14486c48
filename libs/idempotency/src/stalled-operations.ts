import type { AtomicPhase } from './atomic-phases';
import { ClaimedKeyEnd, driveClaimedKey } from './claimed-key.driver';
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
  /**
   * Runs the driving of one stalled key and resolves to how it ended, e.g. inside a trace span of
   * its own linked to `claim.traceParent`. It must call `drive` once and return what it resolves
   * to. Default: drives it as is.
   */
  aroundResume?: (claim: StalledClaim, drive: () => Promise<ClaimedKeyEnd>) => Promise<ClaimedKeyEnd>;
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

async function driveToTheEnd(claim: StalledClaim, options: StalledOperationsOptions, now: Date, report: StalledOperationsReport): Promise<void> {
  const { store, phases, runInTransaction, renderFinalAnswer, aroundResume = (_, drive) => drive() } = options;
  const { lease, resume } = claim;
  // Released no earlier than the pass's own time: the key falls due `lapsedForMs` after it (payments.md §2 "Recovery").
  const drive = () =>
    driveClaimedKey(() => ({ phases, input: undefined }), { store, lease, resume, runInTransaction, renderFinalAnswer, releaseNoEarlierThan: now });
  const ended = await aroundResume(claim, drive);
  if (ended.end === 'completed' || ended.end === 'final-answer') report.finished.push(lease);
  else report.failed.push({ lease, error: ended.error });
}
