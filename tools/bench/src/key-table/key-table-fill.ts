// Bulk rows for idempotency_keys: completed keys shaped like the checkout's own, made by
// generate_series inside the database (no row crosses the wire).
import type { Client } from 'pg';
import { FILL_CHUNK_KEYS, FILLED_KEY_TTL_SECONDS, FILLED_KEY_USERS } from './key-table-settings';

/** Whether filled keys are within their retention (`live`) or past it, waiting for the purge (`expired`). */
export type FilledKeyAge = 'live' | 'expired';

// Every filled key copies the stored answer of a key the API completed itself (the bench's replay
// key: a 201 with the order's body and Location), so rows have the size of real ones. Its scope is
// one of FILLED_KEY_USERS made-up users, its key and ids random UUIDs as clients send them.
// Live keys were created over the retention window minus an hour (none expires during the run);
// expired ones in the hour before it (the purge's backlog). The moment is a hash of the row's
// number: an expression without it (random()) would be computed once for the whole statement.
// $1 first series number, $2 last, $3 retention in seconds, $4 users, $5 'live' | 'expired'.
const INSERT_FILLED_KEYS = `
  INSERT INTO idempotency_keys (id, scope, key, fingerprint, state, lease_token, lease_expires_at,
    recovery_point, recovery_state, response_status, response_headers, response_body,
    created_at, completed_at, expires_at)
  SELECT gen_random_uuid(), md5('bench-user-' || (i % $4::int))::uuid::text, gen_random_uuid()::text,
    md5(i::text) || md5((-i)::text), 'completed', gen_random_uuid(), created.at + interval '30 seconds',
    'finished', template.recovery_state, template.response_status, template.response_headers, template.response_body,
    created.at, created.at + interval '200 milliseconds', created.at + make_interval(secs => $3::int)
  FROM (SELECT recovery_state, response_status, response_headers, response_body FROM idempotency_keys
        WHERE state = 'completed' AND response_status = 201 ORDER BY created_at LIMIT 1) AS template,
    generate_series($1::bigint, $2::bigint) AS i,
    LATERAL (SELECT CASE $5::text
      WHEN 'live' THEN now() - spread.ms % (($3::int - 3600) * 1000::bigint) * interval '1 millisecond'
      ELSE now() - make_interval(secs => $3::int) - spread.ms % 3600000 * interval '1 millisecond' END AS at
      FROM (SELECT abs(hashint8(i)::bigint) AS ms) AS spread) AS created`;

/**
 * Inserts `count` completed keys of the given age, {@link FILL_CHUNK_KEYS} per statement, or all
 * in one statement with `atOnce` (so that no purge sees part of them before the caller is ready).
 * @returns how many were inserted.
 */
export async function fillKeys(
  client: Client,
  { count, age, atOnce = false, onChunk }: { count: number; age: FilledKeyAge; atOnce?: boolean; onChunk?: (inserted: number) => void },
): Promise<number> {
  const chunk = atOnce ? count : FILL_CHUNK_KEYS;
  let inserted = 0;
  while (inserted < count) {
    const next = Math.min(count - inserted, chunk);
    // Series numbers only seed the fingerprints: distinct per call is enough.
    const first = Date.now() * 1000 + inserted;
    const result = await client.query(INSERT_FILLED_KEYS, [first, first + next - 1, FILLED_KEY_TTL_SECONDS, FILLED_KEY_USERS, age]);
    if (result.rowCount !== next) throw new Error(`key table fill: ${result.rowCount} rows inserted of ${next} (is there a completed 201 key to copy?)`);
    inserted += next;
    onChunk?.(inserted);
  }
  return inserted;
}

/**
 * Settles the table after a bulk fill, as a table grown over hours would be: statistics, the
 * visibility map and the fill's WAL written out, so that neither autovacuum's first pass over
 * millions of new rows nor the fill's checkpoint lands on the next measurement.
 */
export async function settleKeyTable(client: Client): Promise<void> {
  await client.query('VACUUM (ANALYZE) idempotency_keys');
  // CHECKPOINT needs a superuser or pg_checkpoint: true of the embedded database, maybe not of DATABASE_URL's.
  await client.query('CHECKPOINT').catch(() => undefined);
}

/** Rows of the table and its size with indexes and TOAST (pg_total_relation_size), in bytes. */
export async function keyTableSize(client: Client): Promise<{ keys: number; bytes: number }> {
  const { rows } = await client.query<{ keys: number; bytes: string }>(
    `SELECT (SELECT count(*)::int FROM idempotency_keys) AS keys, pg_total_relation_size('idempotency_keys') AS bytes`,
  );
  return { keys: rows[0].keys, bytes: Number(rows[0].bytes) };
}
