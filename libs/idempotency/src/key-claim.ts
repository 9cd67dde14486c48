import { decideOnExistingRecord } from './claim-decision';
import { FROM_THE_START, leaseOfRecord, newClaimRecord } from './claim-record';
import type { ClaimRequest, ClaimResult } from './idempotency-key-store';
import type { IdempotencyRecord } from './idempotency-record';

/** A record as a store read it, with whatever the store needs to compare-and-set on it (a row id, the stored object). */
export interface ReadRecord {
  readonly record: IdempotencyRecord;
}

/**
 * The two statements a store runs for {@link claimKey}; every decision between them is the
 * core's, so all stores claim alike.
 */
export interface ClaimStatements<Read extends ReadRecord> {
  /**
   * Inserts `fresh` if the key has no record, relying on a unique constraint (never
   * check-then-act), else reads the record that holds it; undefined when that record vanished
   * (released, purged) before it could be read.
   */
  insertOrRead(fresh: IdempotencyRecord): Promise<'inserted' | Read | undefined>;
  /**
   * Compare-and-set: replaces the record `read` with `fresh` only if it is still as read, and
   * resolves to whether it did. A record completed, advanced or taken over since must not be
   * replaced, or its operation would run twice.
   */
  replace(read: Read, fresh: IdempotencyRecord): Promise<boolean>;
}

// A claim loses a race only to a concurrent delete, completion or take-over; a few rounds settle it.
const MAX_CLAIM_ROUNDS = 5;

/**
 * A race-free claim (the store's `claim`): inserts a running record if the key has none, else
 * applies `decideOnExistingRecord`; a take-over replaces the record as if newly claimed (new
 * fingerprint, lease token, createdAt, expiresAt; no response) by compare-and-set. When the
 * compare-and-set loses, or the record vanished meanwhile, it reads and decides again.
 *
 * @param now - the claim's time: `request.now`, else the store's clock
 * @throws Error when the key keeps changing under it for {@link MAX_CLAIM_ROUNDS} rounds
 */
export async function claimKey<Read extends ReadRecord>(request: ClaimRequest, now: Date, statements: ClaimStatements<Read>): Promise<ClaimResult> {
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
    const fresh = newClaimRecord(request, now);
    const found = await statements.insertOrRead(fresh);
    if (found === 'inserted') return { outcome: 'claimed', lease: leaseOfRecord(fresh), tookOver: false, resume: FROM_THE_START };
    if (found === undefined) continue;
    const decision = decideOnExistingRecord(found.record, request.fingerprint, now);
    if (decision.outcome !== 'take-over') return decision;
    const takeOver = newClaimRecord(request, now, decision.resume);
    if (await statements.replace(found, takeOver)) return { outcome: 'claimed', lease: leaseOfRecord(takeOver), tookOver: true, resume: decision.resume };
  }
  throw new Error(`claim on idempotency key did not settle after ${MAX_CLAIM_ROUNDS} rounds`);
}
