// The statements each design sends, on a copy of the key table named by `t`. The claim, advance
// and completion are the store's own texts (libs/idempotency-prisma/src/store-sql.ts and
// insert-or-read.statement.ts) with the table renamed; the rest is what each fold would add.

const COLUMNS = `id, fingerprint, state, lease_token, lease_expires_at, recovery_point, recovery_state,
  response_status, response_headers, response_body, created_at, expires_at, trace_parent`;
const K_COLUMNS = COLUMNS.split(/,\s*/)
  .map((column) => `k.${column}`)
  .join(', ');
const HELD = `scope = $1 AND key = $2 AND lease_token = $3::uuid AND state = $4`;
const INSERTED_COLUMNS = `id, scope, key, fingerprint, state, lease_token, lease_expires_at, recovery_point, recovery_state, created_at, expires_at, trace_parent`;

// A 64-bit hash of (scope, key) for the transaction-scoped advisory lock; a collision between two
// keys costs a spurious "in progress", never a double execution (the unique index still decides).
const keyLock = (scope: string, key: string) => `pg_try_advisory_xact_lock(hashtextextended(${scope} || chr(31) || ${key}, 0))`;

/** Today's claim: autocommit, inserts or reads the holder in one round trip. $1 id … $11 trace. */
export const insertOrRead = (t: string) => `
  WITH inserted AS (
    INSERT INTO ${t} (id, scope, key, fingerprint, state, lease_token, lease_expires_at, recovery_point, created_at, expires_at, trace_parent)
    VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid, $7::timestamptz, $8, $9::timestamptz, $10::timestamptz, $11)
    ON CONFLICT (scope, key) DO NOTHING
    RETURNING id)
  SELECT true AS held, (SELECT count(*) FROM inserted)::int AS inserted, ${K_COLUMNS}
  FROM (SELECT 1) AS one LEFT JOIN ${t} k ON k.scope = $2 AND k.key = $3`;

/**
 * Design B's claim, the first statement of the first phase's transaction: the same insert-or-read,
 * guarded by a try-lock on the key, so that a duplicate of a claim whose transaction is still open
 * never waits on the unique index for it: it gets `held = false` at once.
 */
export const lockedInsertOrRead = (t: string) => `
  WITH lock AS (SELECT ${keyLock('$2', '$3')} AS held),
  inserted AS (
    INSERT INTO ${t} (id, scope, key, fingerprint, state, lease_token, lease_expires_at, recovery_point, created_at, expires_at, trace_parent)
    SELECT $1::uuid, $2, $3, $4, $5, $6::uuid, $7::timestamptz, $8, $9::timestamptz, $10::timestamptz, $11 FROM lock WHERE lock.held
    ON CONFLICT (scope, key) DO NOTHING
    RETURNING id)
  SELECT (SELECT held FROM lock) AS held, (SELECT count(*) FROM inserted)::int AS inserted, ${K_COLUMNS}
  FROM (SELECT 1) AS one LEFT JOIN ${t} k ON k.scope = $2 AND k.key = $3`;

/** Design C's read before any transaction. $1 scope, $2 key. */
export const readKey = (t: string) => `SELECT true AS held, 0 AS inserted, ${COLUMNS} FROM ${t} WHERE scope = $1 AND key = $2`;

/**
 * Design C's first statement in the first phase's transaction: two try-locks, then the key read
 * again. $1 scope, $2 key, $3 fingerprint. The body's lock (scope, key, fingerprint) is taken
 * first and the key's only under it, so whoever holds the key holds its body's lock too: a
 * duplicate that gets the body's lock but not the key's was sent with another body (422), one that
 * does not get the body's lock has the same body as a claim in flight (409).
 */
export const lockAndRead = (t: string) => `
  WITH body AS (SELECT ${keyLock('$1', `$2 || chr(31) || $3`)} AS held),
  claim AS (SELECT body.held AS body_held, CASE WHEN body.held THEN ${keyLock('$1', '$2')} ELSE false END AS held FROM body)
  SELECT claim.held, claim.body_held, 0 AS inserted, ${K_COLUMNS}
  FROM claim LEFT JOIN ${t} k ON k.scope = $1 AND k.key = $2`;

/** Design C's last statement in the first phase's transaction: the key, already at the recovery point reached. */
export const insertAtPoint = (t: string) => `
  INSERT INTO ${t} (${INSERTED_COLUMNS})
  VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid, $7::timestamptz, $8, $9::jsonb, $10::timestamptz, $11::timestamptz, $12)`;

/** The store's ADVANCE. */
export const advance = (t: string) => `UPDATE ${t} SET recovery_point = $5, recovery_state = $6::jsonb WHERE ${HELD} RETURNING id`;

/** The store's COMPLETE. */
export const complete = (t: string) => `
  UPDATE ${t}
  SET state = 'completed', recovery_point = $5, recovery_state = NULL, response_status = $6::int,
      response_headers = $7::jsonb, response_body = $8, completed_at = $9::timestamptz
  WHERE ${HELD}
  RETURNING id`;

/** The store's release of a key whose first phase committed nothing (today's design only). */
export const releaseStarted = (t: string) => `DELETE FROM ${t} WHERE ${HELD} AND recovery_point = 'started' RETURNING id`;

/** The phases' own work: the order in the first, its payment in the last. */
export const PLACE_ORDER = `INSERT INTO fold_orders (id, scope, total_cents, status) VALUES ($1::uuid, $2, $3::int, 'placed')`;
export const PAY_ORDER = `UPDATE fold_orders SET status = 'paid' WHERE id = $1::uuid`;
