import { FROM_THE_START } from './claim-record';
import { STARTED } from './idempotency-record';
import type { ResumePoint } from './idempotency-key-store';
import type { IdempotencyRecord, StoredResponse } from './idempotency-record';

/** What to do with a claim on a key that already has a record. */
export type ClaimDecision =
  /**
   * Replace the record with a new claim starting at `resume`; the caller must compare-and-set on
   * the old `leaseToken`.
   */
  | { kind: 'take-over'; reason: 'retention-expired' | 'lease-expired'; resume: ResumePoint }
  /** Answer with the stored response. */
  | { kind: 'replay'; response: StoredResponse }
  /** Another request holds the lease; `retryAfterSeconds` = remaining lease, rounded up, at least 1. */
  | { kind: 'in-progress'; retryAfterSeconds: number }
  /** Same key, other request: 422 `idempotency-key-reused`. */
  | { kind: 'mismatch' };

/**
 * The idempotency state machine: decides what a claim on an existing record gets. A pure function,
 * so every store makes the same decisions.
 *
 * The checks run in this order, and the order is the point:
 * 1. retention expired (`expiresAt <= now`) → take-over: the key is treated as new, even if the
 *    fingerprint differs, since the old record no longer exists as far as the contract goes. Not
 *    for a key in the middle of an operation (running past `started`: an order exists, its charge
 *    is pending): starting over would repeat the committed phase, so such a key is kept until it
 *    finishes, and the checks below apply to it;
 * 2. fingerprint differs → mismatch, whatever the state: a reused key must not even learn whether
 *    the original finished;
 * 3. completed → replay;
 * 4. running, lease live (`leaseExpiresAt > now`) → in-progress;
 * 5. running, lease lapsed → take-over: the holder is presumed dead, and fencing stops it from
 *    completing should it still be alive. The same request resumes at the holder's recovery point
 *    with its saved state, so a phase that committed is never run again (payments.md §2).
 *
 * @param record - the record currently stored for the key
 * @param fingerprint - `fingerprintRequest` of the claiming request
 * @param now - the claim's time
 */
export function decideOnExistingRecord(record: IdempotencyRecord, fingerprint: string, now: Date): ClaimDecision {
  if (record.expiresAt.getTime() <= now.getTime() && !midOperation(record)) return { kind: 'take-over', reason: 'retention-expired', resume: FROM_THE_START };
  if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (record.state === 'completed') {
    if (record.response === null) throw new TypeError('a completed idempotency record must carry its response');
    return { kind: 'replay', response: record.response };
  }
  const remainingMs = record.leaseExpiresAt.getTime() - now.getTime();
  if (remainingMs > 0) return { kind: 'in-progress', retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  return { kind: 'take-over', reason: 'lease-expired', resume: { recoveryPoint: record.recoveryPoint, recoveryState: record.recoveryState } };
}

/** Running with a committed phase behind it: neither nothing done yet nor finished. */
function midOperation(record: IdempotencyRecord): boolean {
  return record.state === 'running' && record.recoveryPoint !== STARTED;
}
