import { randomUUID } from 'node:crypto';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { ClaimRequest, fingerprintRequest, Lease } from '@safe-checkout/idempotency';
import { PostgresKeySettledSignal } from './postgres-key-settled.signal';
import { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';

// The NOTIFY comes from a trigger on idempotency_keys, so any process that settles a key wakes
// the waiters of every process: here the store and the signal use separate connections.
describe('PostgresKeySettledSignal', () => {
  let prisma: PrismaClient;
  let store: PrismaIdempotencyKeyStore;
  let signal: PostgresKeySettledSignal;
  beforeAll(async () => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 4 });
    store = new PrismaIdempotencyKeyStore(prisma);
    signal = new PostgresKeySettledSignal({ databaseUrl: testDatabaseUrl() });
    await signal.ready;
  });
  afterAll(async () => {
    await signal.close();
    await prisma.$disconnect();
  });

  const request = (): ClaimRequest => ({
    scope: randomUUID(),
    key: randomUUID(),
    leaseMs: 30_000,
    ttlMs: 86_400_000,
    fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: {} }),
  });
  async function claimed(claim: ClaimRequest): Promise<Lease> {
    const result = await store.claim(claim);
    if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
    return result.lease;
  }
  const response = { status: 201, headers: {}, body: '{}' };

  it('wakes a waiter when the holder completes the key, and not before', async () => {
    const claim = request();
    const lease = await claimed(claim);
    const waiting = signal.waitUntilSettled(claim.scope, claim.key, 5_000);
    const early = await Promise.race([waiting, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200))]);
    await store.complete(lease, response);

    expect(early).toBe('still waiting');
    await expect(waiting).resolves.toBe(true);
  });

  it('wakes a waiter when the key is released, whether deleted (nothing committed) or kept at a recovery point', async () => {
    const [fresh, advanced] = [request(), request()];
    const [freshLease, advancedLease] = [await claimed(fresh), await claimed(advanced)];
    await store.advance(advancedLease, 'order_created', { orderId: 'o-1' });
    const waits = [signal.waitUntilSettled(fresh.scope, fresh.key, 5_000), signal.waitUntilSettled(advanced.scope, advanced.key, 5_000)];
    await store.release(freshLease);
    await store.release(advancedLease);

    await expect(Promise.all(waits)).resolves.toEqual([true, true]);
  });

  it('refuses waiters at once while no LISTEN is in place, so that they poll the key instead of sleeping', async () => {
    const unreachable = new URL(testDatabaseUrl());
    unreachable.pathname = '/no_such_database';
    const changes: boolean[] = [];
    const deaf = new PostgresKeySettledSignal({ databaseUrl: unreachable.href, onListeningChange: (listening) => changes.push(listening) });
    try {
      await deaf.ready;
      const claim = request();
      const waiting = deaf.waitUntilSettled(claim.scope, claim.key, 5_000);
      const answer = await Promise.race([waiting, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000))]);

      expect(deaf.listening).toBe(false);
      expect(answer).toBe(false);
      expect(changes).toEqual([false]);
    } finally {
      await deaf.close();
    }
  });

  it('wakes its waiters (false) when the listening connection is lost, so that they poll until LISTEN is back', async () => {
    const named = new URL(testDatabaseUrl());
    named.searchParams.set('application_name', `signal-spec-${randomUUID()}`.slice(0, 60));
    const changes: boolean[] = [];
    const lossy = new PostgresKeySettledSignal({ databaseUrl: named.href, onListeningChange: (listening) => changes.push(listening) });
    try {
      await lossy.ready;
      const claim = request();
      await claimed(claim);
      const waiting = lossy.waitUntilSettled(claim.scope, claim.key, 30_000);
      await prisma.$queryRawUnsafe(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        named.searchParams.get('application_name'),
      );

      await expect(waiting).resolves.toBe(false);
      expect(changes[0]).toBe(false);
    } finally {
      await lossy.close();
    }
  });

  it('does not wake anyone for a change that rolls back, nor for another key', async () => {
    const [mine, other] = [request(), request()];
    const lease = await claimed(mine);
    const otherLease = await claimed(other);
    const waiting = signal.waitUntilSettled(mine.scope, mine.key, 700);
    await prisma
      .$transaction(async (tx) => {
        await new PrismaIdempotencyKeyStore(tx).complete(lease, response);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await store.complete(otherLease, response);

    await expect(waiting).resolves.toBe(false);
  });
});
