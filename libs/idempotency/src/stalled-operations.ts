import { AtomicPhase, runAtomicPhases } from './atomic-phases';
import type { IdempotencyKeyStore, Lease } from './idempotency-key-store';
import { FINISHED, STARTED, StoredResponse } from './idempotency-record';

/** What {@link resumeStalledOperations} needs: the operation's phases and how to run them. */
export interface StalledOperationsOptions {
  store: IdempotencyKeyStore;
  /** The operation's phases; keys at any of their recovery points but `started` are resumed. */
  phases: readonly AtomicPhase[];
  /** How long a lease must have lapsed before the worker steps in, in ms. */
  lapsedForMs: number;
  /** The worker's own lease on each key, in ms. */
  leaseMs: number;
  /** At most this many keys per call. */
  limit: number;
  runInTransaction: <T>(work: () => Promise<T>) => Promise<T>;
  /** As the request path's: an error that is a final answer, stored instead of retried. */
  renderFinalAnswer?: (error: unknown) => StoredResponse | undefined;
  now?: Date;
}

/** What one pass of the worker did. */
export interface StalledOperationsReport {
  /** Keys driven to `finished`. */
  finished: Lease[];
  /** Keys that failed again; given back at their recovery point for a later pass or a retry. */
  failed: { lease: Lease; error: unknown }[];
}

/**
 * One pass of a recovery worker (Brandur Leach's "completer"): takes over the keys whose holder
 * crashed or whose client never retried, and drives each to `finished` by resuming its phases,
 * exactly as a retry with the same key would. Safe in several processes at once: each stalled key
 * goes to one worker only (`claimStalled`), and the lease fences a holder that comes back.
 */
export async function resumeStalledOperations(options: StalledOperationsOptions): Promise<StalledOperationsReport> {
  const recoveryPoints = [...new Set(options.phases.map((phase) => phase.from))].filter((point) => point !== STARTED && point !== FINISHED);
  const now = options.now ?? new Date();
  const stalled = await options.store.claimStalled({ recoveryPoints, lapsedForMs: options.lapsedForMs, leaseMs: options.leaseMs, limit: options.limit, now });
  const report: StalledOperationsReport = { finished: [], failed: [] };
  for (const { lease, resume } of stalled) {
    try {
      await runAtomicPhases(options.phases, { store: options.store, lease, resume, input: undefined, runInTransaction: options.runInTransaction });
      report.finished.push(lease);
    } catch (error) {
      const final = options.renderFinalAnswer?.(error);
      if (final)
        await options.store.complete(lease, final).then(
          () => report.finished.push(lease),
          (completeError: unknown) => report.failed.push({ lease, error: completeError }),
        );
      else {
        await options.store.release(lease).catch(() => undefined);
        report.failed.push({ lease, error });
      }
    }
  }
  return report;
}
