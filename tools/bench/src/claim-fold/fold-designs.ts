// One fresh-key checkout (or a replay, or a duplicate's answer) per design, on node-postgres: the
// claim, the first phase's transaction (the order), the last phase's (its payment, with the stored
// answer). Only what decides between designs is modelled: one fingerprint (no 422), no take-over.
import { createHash, randomUUID } from 'node:crypto';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { keyTableOf, type DesignName } from './fold-tables';
import * as sql from './fold-statements';

/** How a checkout ended: it ran and created an order, or it was answered without running. */
export type CheckoutEnd = 'created' | 'replayed' | 'in-progress' | 'mismatch';

export interface CheckoutKey {
  scope: string;
  key: string;
  fingerprint: string;
}

/** Where a test holds a checkout open; a hook that throws rolls its transaction back. */
export interface CheckoutHooks {
  /** In the first phase's transaction, after the phase's own work, before the key's statement at its end. */
  inFirstPhase?: () => Promise<void>;
  /** In the last phase's transaction, after the stored answer, before COMMIT. */
  beforeLastCommit?: () => Promise<void>;
}

export type Checkout = (pool: Pool, key: CheckoutKey, hooks?: CheckoutHooks) => Promise<CheckoutEnd>;

interface KeyRow {
  held: boolean;
  /** Designs C, Cin, F: whether the lock on (scope, key, fingerprint) was free. */
  body_held?: boolean;
  fingerprint: string | null;
  inserted: number;
  id: string | null;
  state: string | null;
}

interface Lease {
  scope: string;
  key: string;
  leaseToken: string;
}

const LEASE_MS = 30_000;
const TTL_MS = 24 * 3_600_000;
const ORDER_CREATED = 'order_created';
const RESPONSE_BODY = JSON.stringify({ status: 'confirmed', totalCents: 1500, currency: 'EUR' });

/** Sends one of the key's statements. */
type KeySql = <Row extends QueryResultRow>(client: Pick<PoolClient, 'query'>, text: string, values: unknown[]) => Promise<QueryResult<Row>>;

// node-postgres' default, as the store sends today: parsed and planned at every execution.
const unnamed: KeySql = (client, text, values) => client.query(text, values);

// Designs E and F: a named statement is parsed once per connection and its plan kept.
const prepared: KeySql = (client, text, values) => client.query({ name: `fold-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text, values });

/** The checkout of each design. */
export const CHECKOUTS: Record<DesignName, Checkout> = {
  floor: async (pool, { scope }) => {
    const orderId = randomUUID();
    await transaction(pool, (c) => c.query(sql.PLACE_ORDER, [orderId, scope, 1500]));
    await transaction(pool, (c) => c.query(sql.PAY_ORDER, [orderId]));
    return 'created';
  },
  A: claimThenAdvance('A', unnamed),
  B: (pool, key, hooks) => claimInFirstPhase(pool, key, keyTableOf('B'), hooks),
  C: async (pool, key, hooks) => {
    const [found] = (await pool.query<KeyRow>(sql.readKey(keyTableOf('C')), [key.scope, key.key])).rows;
    return found ? answerOf(found, key) : insertAtFirstCommit(pool, key, keyTableOf('C'), unnamed, hooks);
  },
  Cin: (pool, key, hooks) => insertAtFirstCommit(pool, key, keyTableOf('Cin'), unnamed, hooks),
  D: claimThenAdvance('D', unnamed),
  E: claimThenAdvance('E', prepared),
  F: (pool, key, hooks) => insertAtFirstCommit(pool, key, keyTableOf('F'), prepared, hooks),
};

// Today's design (A), the same on a table whose ADVANCE can be a HOT update (D), and with its statements prepared (E).
function claimThenAdvance(design: 'A' | 'D' | 'E', keySql: KeySql): Checkout {
  const table = keyTableOf(design);
  return async (pool, key, hooks) => {
    const lease = newLease(key);
    const [claim] = (await keySql<KeyRow>(pool, sql.insertOrRead(table), claimParameters(key, lease))).rows;
    if (claim.inserted !== 1) return answerOf(claim, key);
    const orderId = randomUUID();
    try {
      await transaction(pool, async (c) => {
        await c.query(sql.PLACE_ORDER, [orderId, key.scope, 1500]);
        await hooks?.inFirstPhase?.();
        await fenced(keySql(c, sql.advance(table), [...heldBy(lease), ORDER_CREATED, JSON.stringify({ orderId })]));
      });
    } catch (error) {
      // Nothing committed: the store's release frees the key for a retry.
      await keySql(pool, sql.releaseStarted(table), heldBy(lease));
      throw error;
    }
    await payAndComplete(pool, table, lease, orderId, keySql, hooks);
    return 'created';
  };
}

// Design B: the claim is the first statement of the order's transaction; ADVANCE stays at its end.
async function claimInFirstPhase(pool: Pool, key: CheckoutKey, table: string, hooks?: CheckoutHooks): Promise<CheckoutEnd> {
  const lease = newLease(key);
  const orderId = randomUUID();
  const answered = await transaction(pool, async (c) => {
    const [claim] = (await c.query<KeyRow>(sql.lockedInsertOrRead(table), claimParameters(key, lease))).rows;
    if (claim.inserted !== 1) throw new Answered(answerOf(claim, key));
    await c.query(sql.PLACE_ORDER, [orderId, key.scope, 1500]);
    await hooks?.inFirstPhase?.();
    await fenced(c.query(sql.advance(table), [...heldBy(lease), ORDER_CREATED, JSON.stringify({ orderId })]));
  }).then(() => undefined, answeredOrRethrow);
  if (answered) return answered;
  await payAndComplete(pool, table, lease, orderId, unnamed, hooks);
  return 'created';
}

// Designs C, Cin and F: the try-lock and a read first in the order's transaction, the key inserted
// last, already at the recovery point its commit reaches (no ADVANCE).
async function insertAtFirstCommit(pool: Pool, key: CheckoutKey, table: string, keySql: KeySql, hooks?: CheckoutHooks): Promise<CheckoutEnd> {
  const lease = newLease(key);
  const orderId = randomUUID();
  const answered = await transaction(pool, async (c) => {
    const [found] = (await keySql<KeyRow>(c, sql.lockAndRead(table), [key.scope, key.key, key.fingerprint])).rows;
    if (!found.held || found.id !== null) throw new Answered(answerOf(found, key));
    await c.query(sql.PLACE_ORDER, [orderId, key.scope, 1500]);
    await hooks?.inFirstPhase?.();
    const now = new Date();
    await keySql(c, sql.insertAtPoint(table), [
      randomUUID(),
      key.scope,
      key.key,
      key.fingerprint,
      'running',
      lease.leaseToken,
      after(now, LEASE_MS),
      ORDER_CREATED,
      JSON.stringify({ orderId }),
      now,
      after(now, TTL_MS),
      null,
    ]);
  }).then(() => undefined, answeredOrRethrow);
  if (answered) return answered;
  await payAndComplete(pool, table, lease, orderId, keySql, hooks);
  return 'created';
}

async function payAndComplete(pool: Pool, table: string, lease: Lease, orderId: string, keySql: KeySql, hooks?: CheckoutHooks): Promise<void> {
  await transaction(pool, async (c) => {
    await c.query(sql.PAY_ORDER, [orderId]);
    const answer = [...heldBy(lease), 'finished', 201, JSON.stringify({ 'content-type': 'application/json' }), RESPONSE_BODY, new Date()];
    await fenced(keySql(c, sql.complete(table), answer));
    await hooks?.beforeLastCommit?.();
  });
}

// A key somebody else holds. A committed row decides, as the core's decideOnExistingRecord does
// (mismatch before state), even when a lock is taken: a replay must stay a replay while another
// copy of it briefly holds the locks. Without a row, the locks tell an open claim apart.
function answerOf(row: KeyRow, { fingerprint }: CheckoutKey): CheckoutEnd {
  if (row.id !== null) {
    if (row.fingerprint !== fingerprint) return 'mismatch';
    return row.state === 'completed' ? 'replayed' : 'in-progress';
  }
  if (row.body_held === true && !row.held) return 'mismatch';
  if (!row.held) return 'in-progress';
  throw new Error('the key vanished between the claim and its read (a retry would claim again)');
}

class Answered extends Error {
  constructor(readonly end: CheckoutEnd) {
    super(end);
  }
}

function answeredOrRethrow(error: unknown): CheckoutEnd {
  if (error instanceof Answered) return error.end;
  throw error;
}

async function transaction(pool: Pool, work: (client: PoolClient) => Promise<unknown>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function fenced(update: Promise<QueryResult>): Promise<void> {
  const { rowCount } = await update;
  if (rowCount !== 1) throw new Error('lease lost: the key is no longer held by this checkout');
}

function newLease({ scope, key }: CheckoutKey): Lease {
  return { scope, key, leaseToken: randomUUID() };
}

function heldBy(lease: Lease): unknown[] {
  return [lease.scope, lease.key, lease.leaseToken, 'running'];
}

function claimParameters(key: CheckoutKey, lease: Lease): unknown[] {
  const now = new Date();
  return [randomUUID(), key.scope, key.key, key.fingerprint, 'running', lease.leaseToken, after(now, LEASE_MS), 'started', now, after(now, TTL_MS), null];
}

function after(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
