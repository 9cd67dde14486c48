import { FINISHED, IdempotencyRecord, RecoveryPoint, STARTED } from './idempotency-record';

/**
 * The recovery points at which a key's retention applies: nothing of its operation committed yet,
 * or finished. In between, running past `started`, an order exists and its charge is pending:
 * starting over would repeat the committed phase, so such a key outlives its retention until it
 * finishes (payments.md §2). A store's purge selects by these points.
 */
export const RETENTION_APPLIES_AT: readonly RecoveryPoint[] = [STARTED, FINISHED];

/** Whether `record`'s retention is over at `now`: treated as new by a claim, deleted by a purge. */
export function retentionEnded(record: IdempotencyRecord, now: Date): boolean {
  return record.expiresAt.getTime() <= now.getTime() && RETENTION_APPLIES_AT.includes(record.recoveryPoint);
}

/**
 * What a release leaves of a held record, at `now`: nothing when nothing committed (it is
 * deleted, so a retry, even with another body, runs afresh); else the record at its recovery
 * point and state with its lease lapsed now, so a retry or the recovery worker resumes where it
 * stopped and never repeats a finished phase.
 */
export function releasedRecord(record: IdempotencyRecord, now: Date): IdempotencyRecord | undefined {
  if (record.recoveryPoint === STARTED) return undefined;
  return { ...record, leaseExpiresAt: new Date(now) };
}
