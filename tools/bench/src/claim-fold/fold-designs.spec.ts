import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CHECKOUTS, type CheckoutHooks } from './fold-designs';
import { freshKeys } from './fold-rounds';
import * as sql from './fold-statements';
import { keyTableOf, prepareFoldTables, type DesignName } from './fold-tables';

// A duplicate's connection gives up on any lock wait: a design that made it wait for the first
// claim's transaction fails here instead of passing late.
const LOCK_TIMEOUT_MS = 500;
const LOCK_NOT_AVAILABLE = '55P03';

let pool: Pool;
let duplicate: Pool;

beforeAll(async () => {
  const connectionString = process.env.BENCH_TEST_DATABASE_URL!;
  pool = new Pool({ connectionString, max: 4 });
  duplicate = new Pool({ connectionString, max: 2, options: `-c lock_timeout=${LOCK_TIMEOUT_MS}` });
  // The test database's teardown ends idle connections; nothing to report then.
  for (const each of [pool, duplicate]) each.on('error', () => undefined);
  await prepareFoldTables(pool);
});

afterAll(async () => {
  await Promise.all([pool.end(), duplicate.end()]);
});

/** A checkout held open at one of its hooks until `resume()`. */
function pausedAt(hook: keyof CheckoutHooks): { hooks: CheckoutHooks; reached: Promise<void>; resume: () => void } {
  let reach!: () => void;
  let resume!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const resumed = new Promise<void>((resolve) => (resume = resolve));
  return { hooks: { [hook]: () => (reach(), resumed) }, reached, resume };
}

describe.each<DesignName>(['A', 'B', 'C', 'Cin', 'D', 'E', 'F'])('the checkout of design %s', (design) => {
  it('answers a duplicate "in progress" at once while the first phase runs, and replays once the checkout has finished', async () => {
    const [key] = freshKeys(design, 1);
    const paused = pausedAt('inFirstPhase');
    const first = CHECKOUTS[design](pool, key, paused.hooks);
    await paused.reached;
    try {
      await expect(CHECKOUTS[design](duplicate, key)).resolves.toBe('in-progress');
    } finally {
      paused.resume();
    }
    await expect(first).resolves.toBe('created');
    await expect(CHECKOUTS[design](duplicate, key)).resolves.toBe('replayed');
  });

  it('leaves the key free when the first phase’s transaction rolls back', async () => {
    const [key] = freshKeys(design, 1);
    const failing: CheckoutHooks = { inFirstPhase: () => Promise.reject(new Error('the phase failed')) };

    await expect(CHECKOUTS[design](pool, key, failing)).rejects.toThrow('the phase failed');

    await expect(CHECKOUTS[design](duplicate, key)).resolves.toBe('created');
  });
});

// 422 before 409, as in the core's decision: a committed row shows its fingerprint; while the first
// claim's transaction is open only C, Cin and F can tell (by the body's lock), B cannot.
describe.each<[DesignName, 'mismatch' | 'in-progress']>([
  ['A', 'mismatch'],
  ['B', 'in-progress'],
  ['C', 'mismatch'],
  ['Cin', 'mismatch'],
  ['D', 'mismatch'],
  ['E', 'mismatch'],
  ['F', 'mismatch'],
])('the same key with another body, in design %s', (design, whileFirstPhaseRuns) => {
  it(`is answered "${whileFirstPhaseRuns}" while the first phase runs, and "mismatch" once it has finished`, async () => {
    const [key] = freshKeys(design, 1);
    const otherBody = { ...key, fingerprint: '0'.repeat(64) };
    const paused = pausedAt('inFirstPhase');
    const first = CHECKOUTS[design](pool, key, paused.hooks);
    await paused.reached;
    try {
      await expect(CHECKOUTS[design](duplicate, otherBody)).resolves.toBe(whileFirstPhaseRuns);
    } finally {
      paused.resume();
    }
    await expect(first).resolves.toBe('created');
    await expect(CHECKOUTS[design](duplicate, otherBody)).resolves.toBe('mismatch');
  });
});

// Between the statement that updates the key (ADVANCE, COMPLETE) and its transaction's COMMIT, the
// key's row carries an uncommitted version: an INSERT … ON CONFLICT on that key must wait to learn
// whether it conflicts. A plain read does not.
describe.each<[DesignName, 'waits' | 'in-progress']>([
  ['A', 'waits'],
  ['B', 'waits'],
  ['D', 'waits'],
  ['E', 'waits'],
  ['C', 'in-progress'],
  ['Cin', 'in-progress'],
  ['F', 'in-progress'],
])('a duplicate of design %s while the stored answer awaits its COMMIT', (design, expected) => {
  it(expected === 'waits' ? 'waits for that COMMIT (here: until its lock timeout)' : 'is answered "in progress" at once', async () => {
    const [key] = freshKeys(design, 1);
    const paused = pausedAt('beforeLastCommit');
    const first = CHECKOUTS[design](pool, key, paused.hooks);
    await paused.reached;
    try {
      const answer = CHECKOUTS[design](duplicate, key);
      await (expected === 'waits' ? expect(answer).rejects.toMatchObject({ code: LOCK_NOT_AVAILABLE }) : expect(answer).resolves.toBe('in-progress'));
    } finally {
      paused.resume();
    }
    await expect(first).resolves.toBe('created');
  });
});

describe('the try-lock of design B', () => {
  it('is what spares the duplicate the wait: the same claim without it waits on the unique index for the open transaction', async () => {
    const [key] = freshKeys('B', 1);
    const paused = pausedAt('inFirstPhase');
    const first = CHECKOUTS.B(pool, key, paused.hooks);
    await paused.reached;
    const now = new Date();
    const unguarded = [randomUUID(), key.scope, key.key, key.fingerprint, 'running', randomUUID(), now, 'started', now, now, null];
    try {
      await expect(duplicate.query(sql.insertOrRead(keyTableOf('B')), unguarded)).rejects.toMatchObject({ code: LOCK_NOT_AVAILABLE });
    } finally {
      paused.resume();
    }
    await expect(first).resolves.toBe('created');
  });
});
