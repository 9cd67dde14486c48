import type { IdempotencyRecord, StoredResponse } from '../idempotency-record';

// Copies by hand rather than with structuredClone, whose objects come from another realm under Jest
// and so fail strict deep-equality against literals.

/** A deep copy of a record, so callers of the in-memory store cannot alter what it holds. */
export function copyRecord(record: IdempotencyRecord): IdempotencyRecord {
  return {
    ...record,
    leaseExpiresAt: new Date(record.leaseExpiresAt),
    createdAt: new Date(record.createdAt),
    expiresAt: new Date(record.expiresAt),
    recoveryState: record.recoveryState === null || record.recoveryState === undefined ? null : JSON.parse(JSON.stringify(record.recoveryState)),
    response: record.response === null ? null : copyResponse(record.response),
  };
}

/** A copy of a stored response. */
export function copyResponse(response: StoredResponse): StoredResponse {
  return { status: response.status, headers: { ...response.headers }, body: response.body };
}
