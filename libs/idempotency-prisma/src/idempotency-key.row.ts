import type { IdempotencyKey as IdempotencyKeyRow } from '@safe-checkout/db';
import type { IdempotencyRecord, IdempotencyRecordState } from '@safe-checkout/idempotency';

/** Maps a row of `idempotency_keys` to the core's record. */
export function toIdempotencyRecord(row: IdempotencyKeyRow): IdempotencyRecord {
  const completed = row.state === 'completed';
  return {
    scope: row.scope,
    key: row.key,
    fingerprint: row.fingerprint,
    state: row.state as IdempotencyRecordState,
    leaseToken: row.leaseToken,
    leaseExpiresAt: row.leaseExpiresAt,
    // The table's CHECK constraint guarantees a completed row has its status and body.
    response: completed
      ? { status: row.responseStatus!, headers: (row.responseHeaders ?? {}) as Record<string, string>, body: row.responseBody! }
      : null,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
