// One fresh-key checkout (or a replay, or a duplicate's answer) per design, on node-postgres: the
// claim, the first phase's transaction (the order), the last phase's (its payment, with the stored
// answer). Only what decides between designs is modelled: take-over, the same compare-and-set
// UPDATE in every design, is not.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Answered, answeredOrRethrow, answerOf, type KeyRow } from './fold-answers';
import { fenced, prepared, transaction, unnamed, type KeySql } from './fold-connection';
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

interface Lease {
  scope: string;
  key: string;
  leaseToken: string;
}

const LEASE_MS = 30_000;
const TTL_MS = 24 * 3_600_000;
const ORDER_CREATED = 'order_created';
const RESPONSE_BODY = JSON.stringify({ status: 'confirmed', totalCents: 1500, currency: 'EUR' });

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
