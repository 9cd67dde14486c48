import { FROM_THE_START } from './claim-record';
import type { ClaimResult, ResumePoint } from './idempotency-key-store';
import type { IdempotencyRecord } from './idempotency-record';
import { retentionEnded } from './key-life';

/**
 * What a claim on a key that already has a record gets: one of the {@link ClaimResult}s that
 * answer without running, or a take-over, which becomes `claimed` once the store's
 * compare-and-set on the old record succeeds.
 */
export type ClaimDecision =
  | Exclude<ClaimResult, { outcome: 'claimed' }>
  /** Replace the record with a new claim starting at `resume`. */
  | { outcome: 'take-over'; reason: 'retention-expired' | 'lease-expired'; resume: ResumePoint };

/**
 * The idempotency state machine: decides what a claim on an existing record gets. A pure function,
 * so every store makes the same decisions.
 *
 * The checks run in this order, and the order is the point:
 * 1. retention ended (`retentionEnded`) → take-over: the key is treated as new, even if the
 *    fingerprint differs, since the old record no longer exists as far as the contract goes. A key
 *    in the middle of an operation outlives its retention, and the checks below apply to it;
 * 2. fingerprint differs → mismatch, whatever the state: a reused key must not even learn whether
 *    the original finished;
 * 3. completed → replay;
 * 4. running, lease live (`leaseExpiresAt > now`) → in-progress, `retryAfterSeconds` = the
 *    remaining lease, rounded up, at least 1;
 * 5. running, lease lapsed → take-over: the holder is presumed dead, and fencing stops it from
 *    completing should it still be alive. The same request resumes at the holder's recovery point
 *    with its saved state, so a phase that committed is never run again (payments.md §2).
 *
 * @param record - the record currently stored for the key
 * @param fingerprint - `fingerprintRequest` of the claiming request
 * @param now - the claim's time
 */
export function decideOnExistingRecord(record: IdempotencyRecord, fingerprint: string, now: Date): ClaimDecision {
  if (retentionEnded(record, now)) return { outcome: 'take-over', reason: 'retention-expired', resume: FROM_THE_START };
  if (record.fingerprint !== fingerprint) return { outcome: 'mismatch' };
  if (record.state === 'completed') {
    if (record.response === null) throw new TypeError('a completed idempotency record must carry its response');
    return { outcome: 'replay', response: record.response };
  }
  const remainingMs = record.leaseExpiresAt.getTime() - now.getTime();
  if (remainingMs > 0) return { outcome: 'in-progress', retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  return { outcome: 'take-over', reason: 'lease-expired', resume: { recoveryPoint: record.recoveryPoint, recoveryState: record.recoveryState } };
}
