import { finishWith, foreignPhase, localPhase, runAtomicPhases, toRecoveryPoint } from './atomic-phases';
import type { ClaimRequest } from './idempotency-key-store';
import { LeaseLostError } from './lease-lost.error';
import { resumeStalledOperations } from './stalled-operations';
import { InMemoryIdempotencyKeyStore } from './testing/in-memory-idempotency-key.store';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const CREATED = { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"id":"o-1"}' };

/** A checkout-shaped chain: create the order, charge it abroad, record the charge. */
function checkoutPhases(log: string[], charge: () => Promise<string> = async () => 'pi_1') {
  return [
    localPhase<{ item: string }>('create order', 'started', async (input) => {
      log.push(`create ${input.item} (in transaction: ${inTransaction})`);
      return toRecoveryPoint('order_created', { orderId: 'o-1' });
    }),
    foreignPhase<{ orderId: string }, string>(
      'charge',
      'order_created',
      async (state) => {
        log.push(`charge ${state.orderId} (in transaction: ${inTransaction})`);
        return charge();
      },
      async (state, paymentIntent) => {
        log.push(`record ${paymentIntent} for ${state.orderId} (in transaction: ${inTransaction})`);
        return finishWith(CREATED);
      },
    ),
  ];
}

let inTransaction = false;
async function runInTransaction<T>(work: () => Promise<T>): Promise<T> {
  inTransaction = true;
  try {
    return await work();
  } finally {
    inTransaction = false;
  }
}

async function claim(store: InMemoryIdempotencyKeyStore, now = NOW) {
  const request: ClaimRequest = { scope: 'u', key: 'k'.repeat(16), fingerprint: 'f'.repeat(64), leaseMs: 30_000, ttlMs: 86_400_000, now };
  const result = await store.claim(request);
  if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
  return result;
}

describe('runAtomicPhases(phases, context)', () => {
  it('runs every phase from "started", local ones in a transaction and the foreign call outside any, and stores the response', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const log: string[] = [];
    const { lease, resume } = await claim(store);

    const response = await runAtomicPhases(checkoutPhases(log), { store, lease, resume, input: { item: 'mug' }, runInTransaction });

    expect(response).toEqual(CREATED);
    expect(log).toEqual(['create mug (in transaction: true)', 'charge o-1 (in transaction: false)', 'record pi_1 for o-1 (in transaction: true)']);
    expect(store.get('u', 'k'.repeat(16))).toMatchObject({ state: 'completed', recoveryPoint: 'finished' });
  });

  it('leaves the key at the last committed recovery point when a foreign call fails, and a retry resumes there without repeating the first phase', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const log: string[] = [];
    const first = await claim(store);
    const down = checkoutPhases(log, async () => Promise.reject(new Error('provider unavailable')));

    await expect(runAtomicPhases(down, { store, ...first, input: { item: 'mug' }, runInTransaction })).rejects.toThrow('provider unavailable');
    await store.release(first.lease, NOW);
    const retry = await claim(store);
    await runAtomicPhases(checkoutPhases(log), { store, ...retry, input: { item: 'mug' }, runInTransaction });

    expect(retry.resume).toEqual({ recoveryPoint: 'order_created', recoveryState: { orderId: 'o-1' } });
    expect(log.filter((line) => line.startsWith('create'))).toHaveLength(1);
    expect(log.filter((line) => line.startsWith('charge'))).toHaveLength(2);
  });

  it('stops a holder whose lease was taken over before its phase can commit (fencing)', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const stale = await claim(store);
    await claim(store, new Date(NOW.getTime() + 30_000));

    await expect(runAtomicPhases(checkoutPhases([]), { store, ...stale, input: { item: 'mug' }, runInTransaction })).rejects.toBeInstanceOf(LeaseLostError);
  });

  it('refuses a recovery point no phase starts from, and a chain that would loop, before running a phase twice', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const context = { store, ...(await claim(store)), input: {}, runInTransaction };
    await expect(runAtomicPhases([], context)).rejects.toThrow('no phase starts at recovery point "started"');
    const loop = [localPhase('again', 'started', async () => toRecoveryPoint('started', null))];
    await expect(runAtomicPhases(loop, context)).rejects.toThrow('cycle');
  });
});

describe('resumeStalledOperations(options)', () => {
  it('finishes a key whose holder crashed after its first phase, without repeating that phase, and leaves fresh keys alone', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const log: string[] = [];
    const crashed = await claim(store);
    await store.advance(crashed.lease, 'order_created', { orderId: 'o-1' });

    const tooEarly = await resumeStalledOperations({
      store,
      phases: checkoutPhases(log),
      lapsedForMs: 60_000,
      leaseMs: 30_000,
      limit: 10,
      runInTransaction,
      now: new Date(NOW.getTime() + 60_000),
    });
    const report = await resumeStalledOperations({
      store,
      phases: checkoutPhases(log),
      lapsedForMs: 60_000,
      leaseMs: 30_000,
      limit: 10,
      runInTransaction,
      now: new Date(NOW.getTime() + 90_000),
    });

    expect(tooEarly).toEqual({ finished: [], failed: [] });
    expect(report.finished).toHaveLength(1);
    expect(log).toEqual(['charge o-1 (in transaction: false)', 'record pi_1 for o-1 (in transaction: true)']);
    expect(store.get('u', 'k'.repeat(16))).toMatchObject({ state: 'completed', response: CREATED });
  });

  it('gives a key that fails again back at its recovery point, for the next pass', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const crashed = await claim(store);
    await store.advance(crashed.lease, 'order_created', { orderId: 'o-1' });
    const down = checkoutPhases([], async () => Promise.reject(new Error('provider unavailable')));

    const report = await resumeStalledOperations({
      store,
      phases: down,
      lapsedForMs: 0,
      leaseMs: 30_000,
      limit: 10,
      runInTransaction,
      now: new Date(NOW.getTime() + 30_000),
    });

    expect(report.failed.map((failure) => String(failure.error))).toEqual(['Error: provider unavailable']);
    expect(store.get('u', 'k'.repeat(16))).toMatchObject({ state: 'running', recoveryPoint: 'order_created', recoveryState: { orderId: 'o-1' } });
  });
});
