// The store's statements on table `idempotency_keys` (sql/idempotency-keys.sql), in node-postgres'
// `$1 …` form so that one text runs through Prisma's `$queryRawUnsafe` and through `pg` alike.
// Every statement that changes a held key names its holder ($1 scope, $2 key, $3 lease token,
// $4 state 'running'): fencing, so that a holder whose lease was taken over changes nothing.

const HELD = `scope = $1 AND key = $2 AND lease_token = $3::uuid AND state = $4`;

export const COMPLETE = `
  UPDATE idempotency_keys
  SET state = 'completed', recovery_point = $5, recovery_state = NULL, response_status = $6::int,
      response_headers = $7::jsonb, response_body = $8, completed_at = $9::timestamptz
  WHERE ${HELD}
  RETURNING id`;

export const ADVANCE = `
  UPDATE idempotency_keys SET recovery_point = $5, recovery_state = $6::jsonb
  WHERE ${HELD}
  RETURNING id`;

// A release reads the held row, asks the core what is left of it (`releasedRecord`), then deletes
// it or cuts its lease short ($6), compare-and-set on the recovery point read ($5).
export const READ_HELD = `
  SELECT id, fingerprint, state, lease_token, lease_expires_at, recovery_point, recovery_state,
         response_status, response_headers, response_body, created_at, expires_at, trace_parent
  FROM idempotency_keys WHERE ${HELD}`;

export const DELETE_HELD = `DELETE FROM idempotency_keys WHERE ${HELD} AND recovery_point = $5 RETURNING id`;

export const LAPSE_HELD = `
  UPDATE idempotency_keys SET lease_expires_at = $6::timestamptz
  WHERE ${HELD} AND recovery_point = $5
  RETURNING id`;

// Compare-and-set on the row as it was read ($1 id, $2 lease token, $3 recovery point, $4 now),
// see PrismaIdempotencyKeyStore.takeOver; the row is reset to the new claim ($5 …), its trace context included ($13).
export const TAKE_OVER = `
  UPDATE idempotency_keys
  SET fingerprint = $5, state = $6, lease_token = $7::uuid, lease_expires_at = $8::timestamptz, recovery_point = $9,
      recovery_state = $10::jsonb, response_status = NULL, response_headers = NULL, response_body = NULL,
      created_at = $11::timestamptz, completed_at = NULL, expires_at = $12::timestamptz, trace_parent = $13
  WHERE id = $1::uuid AND lease_token = $2::uuid AND recovery_point = $3
    AND ((state = 'running' AND lease_expires_at <= $4::timestamptz) OR expires_at <= $4::timestamptz)
  RETURNING id`;

// SKIP LOCKED: workers in several processes each take different keys instead of queueing; the new
// lease token fences the crashed holder should it come back. $1 'started', $2 the recovery points,
// $3 lapsed before, $4 the new lease's expiry, $5 the limit.
export const CLAIM_STALLED = `
  UPDATE idempotency_keys k SET lease_token = gen_random_uuid(), lease_expires_at = $4::timestamptz
  WHERE k.id IN (
    SELECT id FROM idempotency_keys
    WHERE state = 'running' AND recovery_point <> $1 AND recovery_point = ANY($2::text[])
      AND lease_expires_at <= $3::timestamptz
    ORDER BY lease_expires_at LIMIT $5::int FOR UPDATE SKIP LOCKED)
  RETURNING k.scope, k.key, k.lease_token::text AS lease_token, k.recovery_point, k.recovery_state, k.trace_parent`;

// The rows CLAIM_STALLED looks at, lapsed or not: one MIN, asked once per recovery pass.
export const EARLIEST_LEASE_EXPIRY = `
  SELECT min(lease_expires_at) AS earliest FROM idempotency_keys
  WHERE state = 'running' AND recovery_point <> $1 AND recovery_point = ANY($2::text[])`;

// SKIP LOCKED: purgers in several processes share the work instead of queueing on rows.
// $1 now, $2 the recovery points at which retention applies (the core's RETENTION_APPLIES_AT),
// $3 the batch size.
export const PURGE_EXPIRED = `
  WITH purged AS (
    DELETE FROM idempotency_keys WHERE id IN (
      SELECT id FROM idempotency_keys
      WHERE expires_at <= $1::timestamptz AND recovery_point = ANY($2::text[])
      ORDER BY expires_at LIMIT $3::int FOR UPDATE SKIP LOCKED)
    RETURNING 1)
  SELECT count(*)::int AS purged FROM purged`;

// PURGE_EXPIRED taking turns ($4 the purger, $5 how long a full batch keeps the turn, in ms): the
// turn's one row, locked, must be free at $1 or already this purger's, else the batch deletes
// nothing and purged is NULL. A concurrent purger waits on that lock for one batch at most, then
// sees the turn taken. A full batch keeps the turn; a shorter one, the pass's last, ends it.
export const PURGE_EXPIRED_IN_TURN = `
  WITH turn AS (
    SELECT id FROM idempotency_key_purge_turn
    WHERE purger_id = $4::uuid OR ends_at <= $1::timestamptz
    FOR UPDATE),
  purged AS (
    DELETE FROM idempotency_keys WHERE id IN (
      SELECT id FROM idempotency_keys
      WHERE EXISTS (SELECT FROM turn) AND expires_at <= $1::timestamptz AND recovery_point = ANY($2::text[])
      ORDER BY expires_at LIMIT $3::int FOR UPDATE SKIP LOCKED)
    RETURNING 1),
  counted AS (SELECT count(*)::int AS purged FROM purged),
  kept AS (
    UPDATE idempotency_key_purge_turn t
    SET purger_id = $4::uuid,
        ends_at = $1::timestamptz + CASE WHEN counted.purged = $3::int THEN $5::int ELSE 0 END * interval '1 millisecond'
    FROM turn, counted WHERE t.id = turn.id)
  SELECT CASE WHEN EXISTS (SELECT FROM turn) THEN (SELECT purged FROM counted) END AS purged`;
