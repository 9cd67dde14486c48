import { IdempotencyStoreUnavailableError } from '../idempotency-store-unavailable.error';
import type { Lease } from '../idempotency-key-store';
import { IDEMPOTENCY_KEY_STORE_CONTRACT } from './idempotency-key-store.contract';
import { InMemoryIdempotencyKeyStore } from './in-memory-idempotency-key.store';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const request = {
  scope: 'user-1',
  key: '8e03978e-40d5-43e8-bc93-6894a57f9324',
  fingerprint: 'a'.repeat(64),
  leaseMs: 30_000,
  ttlMs: 86_400_000,
};
const response = { status: 201, headers: { location: '/orders/1' }, body: '{"id":"1"}' };

function storeAt(initial: Date) {
  let now = initial;
  const store = new InMemoryIdempotencyKeyStore({ clock: () => now });
  return { store, setNow: (next: Date) => (now = next) };
}

async function claimedLease(store: InMemoryIdempotencyKeyStore): Promise<Lease> {
  const result = await store.claim(request);
  if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
  return result.lease;
}

describe('InMemoryIdempotencyKeyStore', () => {
  describe('fulfils the IdempotencyKeyStore contract', () => {
    it.each(IDEMPOTENCY_KEY_STORE_CONTRACT)('$name', ({ run }) => run(new InMemoryIdempotencyKeyStore()));
  });

  it('uses the injected clock when a claim carries no time', async () => {
    const { store, setNow } = storeAt(NOW);
    const lease = await claimedLease(store);
    expect(lease.leaseExpiresAt).toEqual(later(30_000));
    setNow(later(12_500));
    await expect(store.claim(request)).resolves.toEqual({ outcome: 'in-progress', retryAfterSeconds: 18 });
    setNow(later(30_000));
    await expect(store.claim(request)).resolves.toMatchObject({ outcome: 'claimed', tookOver: true });
  });

  it('records the running claim with its fingerprint, lease and retention', async () => {
    const { store } = storeAt(NOW);
    const lease = await claimedLease(store);
    expect(store.get(request.scope, request.key)).toEqual({
      scope: request.scope,
      key: request.key,
      fingerprint: request.fingerprint,
      state: 'running',
      leaseToken: lease.leaseToken,
      leaseExpiresAt: later(30_000),
      recoveryPoint: 'started',
      recoveryState: null,
      response: null,
      createdAt: NOW,
      expiresAt: later(86_400_000),
    });
    expect(store.all()).toHaveLength(1);
  });

  it('hands out copies, so changing a returned response or record leaves the store as it was', async () => {
    const { store } = storeAt(NOW);
    await store.complete(await claimedLease(store), response);
    const replay = await store.claim(request);
    if (replay.outcome !== 'replay') throw new Error('expected a replay');
    replay.response.body = 'tampered';
    store.get(request.scope, request.key)!.state = 'running';
    await expect(store.claim(request)).resolves.toEqual({ outcome: 'replay', response });
  });

  it('arranges a state with put(), e.g. a crashed holder whose lease lapsed', async () => {
    const { store } = storeAt(NOW);
    store.put({
      ...request,
      state: 'running',
      leaseToken: 'dead',
      leaseExpiresAt: later(-1),
      recoveryPoint: 'started',
      recoveryState: null,
      response: null,
      createdAt: later(-31_000),
      expiresAt: later(86_000_000),
    });
    const result = await store.claim(request);
    expect(result).toMatchObject({ outcome: 'claimed', tookOver: true });
    expect(store.get(request.scope, request.key)?.leaseToken).not.toBe('dead');
  });

  describe('simulateOutage(cause)', () => {
    it('rejects every method with IdempotencyStoreUnavailableError carrying the cause, until recover()', async () => {
      const { store } = storeAt(NOW);
      const lease = await claimedLease(store);
      const cause = new Error('connect ECONNREFUSED');
      store.simulateOutage(cause);
      const calls = [() => store.claim(request), () => store.complete(lease, response), () => store.release(lease), () => store.purgeExpired(NOW, 10)];
      for (const call of calls) {
        await expect(call()).rejects.toBeInstanceOf(IdempotencyStoreUnavailableError);
        await expect(call()).rejects.toMatchObject({ cause });
      }
      store.recover();
      await expect(store.complete(lease, response)).resolves.toBeUndefined();
    });
  });

  describe('purgeExpired(now, batchSize)', () => {
    it.each([0, -1, 1.5, Number.NaN])('rejects batchSize %p, which is not a positive integer', async (batchSize) => {
      await expect(new InMemoryIdempotencyKeyStore().purgeExpired(NOW, batchSize)).rejects.toThrow(RangeError);
    });

    it('wakes the waiters of a key it purges while running, as the PostgreSQL store does, so they claim it afresh', async () => {
      const { store } = storeAt(NOW);
      await claimedLease(store);
      const woken = store.waitUntilSettled(request.scope, request.key, 1_000);
      await expect(store.purgeExpired(later(request.ttlMs), 10)).resolves.toBe(1);
      await expect(woken).resolves.toBe(true);
    });
  });
});
