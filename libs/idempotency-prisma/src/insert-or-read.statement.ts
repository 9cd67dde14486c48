import { randomUUID } from 'node:crypto';
import type { IdempotencyRecord, IdempotencyRecordState } from '@safe-checkout/idempotency';
import { IdempotencyKeyClient, runStatement } from './store-statement';

/** A record as read, with its row id for a compare-and-set. */
export interface ReadRow {
  record: IdempotencyRecord;
  rowId: string;
}

export interface Row {
  inserted: number;
  id: string | null;
  fingerprint: string;
  state: string;
  lease_token: string;
  lease_expires_at: Date;
  recovery_point: string;
  recovery_state: unknown;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  created_at: Date;
  expires_at: Date;
  trace_parent: string | null;
}

const INSERT_OR_READ = `
  WITH inserted AS (
    INSERT INTO idempotency_keys (id, scope, key, fingerprint, state, lease_token, lease_expires_at, recovery_point, created_at, expires_at, trace_parent)
    VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid, $7::timestamptz, $8, $9::timestamptz, $10::timestamptz, $11)
    ON CONFLICT (scope, key) DO NOTHING
    RETURNING id)
  SELECT (SELECT count(*) FROM inserted)::int AS inserted, k.id, k.fingerprint, k.state, k.lease_token,
         k.lease_expires_at, k.recovery_point, k.recovery_state, k.response_status, k.response_headers, k.response_body,
         k.created_at, k.expires_at, k.trace_parent,
         set_config('synchronous_commit', 'off', true) AS commit_without_flush
  FROM (SELECT 1) AS one
  LEFT JOIN idempotency_keys k ON k.scope = $2 AND k.key = $3`;

/**
 * Inserts `fresh` if the key is free, else reads the record that holds it — in one round trip,
 * which is what makes replays cheap; undefined when the row that blocked the insert was deleted
 * (release, purge) before it could be read. `ON CONFLICT DO NOTHING` lets the unique (scope, key)
 * index decide the race between concurrent claims. The outer SELECT cannot see the CTE's own
 * insert (same snapshot), so a found row is always somebody else's.
 *
 * The claim commits on its own without waiting for its WAL to reach disk (`synchronous_commit`
 * off for its transaction only): it is visible to every duplicate at once, as before, and it is
 * never the last word. Whatever the operation then commits (a phase's writes, its recovery point,
 * the stored answer) commits synchronously, and flushing that commit flushes the WAL written
 * before it, the claim included. So a claim lost in a database crash is one whose operation
 * committed nothing: its request failed with the crash, and a retry claims the key afresh. Waiting
 * for the flush cost a checkout one more disk sync than the operation alone
 * (docs/benchmarks.md, "The claim's commit without a disk flush").
 */
export async function insertOrRead(client: IdempotencyKeyClient, fresh: IdempotencyRecord): Promise<'inserted' | ReadRow | undefined> {
  const [row] = await runStatement<Row>(client, INSERT_OR_READ, [
    randomUUID(),
    fresh.scope,
    fresh.key,
    fresh.fingerprint,
    fresh.state,
    fresh.leaseToken,
    fresh.leaseExpiresAt,
    fresh.recoveryPoint,
    fresh.createdAt,
    fresh.expiresAt,
    fresh.traceParent ?? null,
  ]);
  if (row.inserted === 1) return 'inserted';
  if (row.id === null) return undefined;
  return { rowId: row.id, record: recordOfRow(fresh, row) };
}

/** The record a row holds; `of` gives its scope and key. */
export function recordOfRow(of: { scope: string; key: string }, row: Omit<Row, 'inserted' | 'id'>): IdempotencyRecord {
  return {
    scope: of.scope,
    key: of.key,
    fingerprint: row.fingerprint,
    state: row.state as IdempotencyRecordState,
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at,
    recoveryPoint: row.recovery_point,
    recoveryState: row.recovery_state ?? null,
    // The table's CHECK constraint guarantees a completed row has its status and body.
    response: row.state === 'completed' ? { status: row.response_status!, headers: row.response_headers ?? {}, body: row.response_body! } : null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.trace_parent === null ? {} : { traceParent: row.trace_parent }),
  };
}
