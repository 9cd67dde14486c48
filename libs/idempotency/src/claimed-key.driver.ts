import { AtomicPhase, runAtomicPhases } from './atomic-phases';
import type { IdempotencyKeyStore, Lease, ResumePoint } from './idempotency-key-store';
import type { StoredResponse } from './idempotency-record';
import { IdempotencyStoreUnavailableError } from './idempotency-store-unavailable.error';
import { LeaseLostError } from './lease-lost.error';

/** An operation to run under a claimed key: its phases, and the request's input (the state at `started`). */
export interface ClaimedOperation {
  readonly phases: readonly AtomicPhase[];
  readonly input: unknown;
}

/** What {@link driveClaimedKey} needs besides the operation. */
export interface ClaimedKeyDriving {
  store: IdempotencyKeyStore;
  /** The claim's lease and where it resumes. */
  lease: Lease;
  resume: ResumePoint;
  /** Runs `work` in one database transaction; the store's `advance`/`complete` must join it. */
  runInTransaction: <T>(work: () => Promise<T>) => Promise<T>;
  /** An error that is a final answer (e.g. 422 insufficient stock), rendered to be stored instead of retried; undefined for any other. */
  renderFinalAnswer?: (error: unknown) => StoredResponse | undefined;
  /**
   * A failed key is released no earlier than this, so that a recovery pass run at a later `now`
   * (a test's) does not find it due again at once. Default: the store's clock.
   */
  releaseNoEarlierThan?: Date;
}

/** How a claimed key's run ended. */
export type ClaimedKeyEnd =
  /** The phases finished; `response` is stored with the key. */
  | { end: 'completed'; response: StoredResponse }
  /** A phase threw a final answer; its rendering, `response`, is stored with the key in place of one. */
  | { end: 'final-answer'; response: StoredResponse; error: unknown }
  /**
   * A phase failed: the key was given back (freed when nothing had committed, else kept at its
   * recovery point for a retry or the recovery worker). `releaseError` when even that failed:
   * the lease then lapses as after a crash.
   */
  | { end: 'released'; error: unknown; releaseError?: unknown }
  /** Another request took the lapsed lease over: its run is the one that counts. */
  | { end: 'lease-lost'; error: LeaseLostError }
  /** The store failed while recording the end (usually unreachable): nothing was stored; the lease lapses. */
  | { end: 'store-unavailable'; error: unknown };

/**
 * Drives a claimed key to its end, for the request path and the recovery worker alike
 * (payments.md §2): runs the operation's phases from the claim's recovery point; when one throws,
 * stores a final answer in its place, or releases the key, and tells which of these happened.
 * A lost lease and an unreachable store are ends too: the key is not touched then, as only the
 * new holder, or a store that answers again, can move it. Never rejects.
 *
 * @param operation - builds the operation; a builder that throws (a handler's validation error)
 *   ends the run like a failing phase, with nothing committed
 * @example
 * const ended = await driveClaimedKey(() => ({ phases, input }), { store, lease, resume, runInTransaction });
 * if (ended.end === 'completed') send(ended.response);
 */
export async function driveClaimedKey(operation: () => ClaimedOperation | Promise<ClaimedOperation>, driving: ClaimedKeyDriving): Promise<ClaimedKeyEnd> {
  const { store, lease, resume, runInTransaction } = driving;
  try {
    const { phases, input } = await operation();
    return { end: 'completed', response: await runAtomicPhases(phases, { store, lease, resume, input, runInTransaction }) };
  } catch (error) {
    return endAfterFailure(error, driving);
  }
}

// The failing phase's transaction has rolled back.
async function endAfterFailure(error: unknown, { store, lease, renderFinalAnswer, releaseNoEarlierThan }: ClaimedKeyDriving): Promise<ClaimedKeyEnd> {
  if (error instanceof LeaseLostError) return { end: 'lease-lost', error };
  if (error instanceof IdempotencyStoreUnavailableError) return { end: 'store-unavailable', error };
  const finalAnswer = renderFinalAnswer?.(error);
  if (finalAnswer) {
    try {
      await store.complete(lease, finalAnswer);
      return { end: 'final-answer', response: finalAnswer, error };
    } catch (completeError) {
      return completeError instanceof LeaseLostError ? { end: 'lease-lost', error: completeError } : { end: 'store-unavailable', error: completeError };
    }
  }
  const releasedAt = releaseNoEarlierThan && latest(releaseNoEarlierThan, new Date());
  return store.release(lease, releasedAt).then(
    () => ({ end: 'released', error }),
    (releaseError: unknown) => ({ end: 'released', error, releaseError }),
  );
}

function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
