import { finishWith, foreignPhase, localPhase, toRecoveryPoint } from './atomic-phases';
import { ClaimedKeyDriving, driveClaimedKey } from './claimed-key.driver';
import type { ClaimRequest } from './idempotency-key-store';
import { IdempotencyStoreUnavailableError } from './idempotency-store-unavailable.error';
import { LeaseLostError } from './lease-lost.error';
import { InMemoryIdempotencyKeyStore } from './testing/in-memory-idempotency-key.store';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const KEY = 'k'.repeat(16);
const CREATED = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"o-1"}' };
const OUT_OF_STOCK = { status: 422, headers: { 'content-type': 'application/problem+json' }, body: '{"type":"insufficient-stock"}' };

class OutOfStockError extends Error {}

const createOrder = localPhase('create order', 'started', async () => toRecoveryPoint('order_created', { orderId: 'o-1' }));
const charge = (call: () => Promise<string>) => foreignPhase('charge', 'order_created', call, async () => finishWith(CREATED));
const runInTransaction = <T>(work: () => Promise<T>) => work();
const renderFinalAnswer = (error: unknown) => (error instanceof OutOfStockError ? OUT_OF_STOCK : undefined);

async function claimed(store: InMemoryIdempotencyKeyStore, now = NOW): Promise<ClaimedKeyDriving> {
  const request: ClaimRequest = { scope: 'u', key: KEY, fingerprint: 'f', leaseMs: 30_000, ttlMs: 86_400_000, now };
  const claim = await store.claim(request);
  if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
  return { store, lease: claim.lease, resume: claim.resume, runInTransaction, renderFinalAnswer };
}

describe('driveClaimedKey(operation, driving)', () => {
  it('completes the key with the response of the last phase', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });

    const ended = await driveClaimedKey(() => ({ phases: [createOrder, charge(async () => 'pi_1')], input: {} }), await claimed(store));

    expect(ended).toEqual({ end: 'completed', response: CREATED });
    expect(store.get('u', KEY)).toMatchObject({ state: 'completed', response: CREATED });
  });

  it('stores a final answer in place of the response, and replays it', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const soldOut = new OutOfStockError('mug');

    const ended = await driveClaimedKey(() => ({ phases: [createOrder, charge(() => Promise.reject(soldOut))], input: {} }), await claimed(store));

    expect(ended).toEqual({ end: 'final-answer', response: OUT_OF_STOCK, error: soldOut });
    expect(store.get('u', KEY)).toMatchObject({ state: 'completed', response: OUT_OF_STOCK });
  });

  it('releases a key that failed with nothing committed, so that a retry starts afresh', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const invalid = new Error('validation failed');

    const ended = await driveClaimedKey(() => Promise.reject(invalid), await claimed(store));

    expect(ended).toEqual({ end: 'released', error: invalid });
    expect(store.get('u', KEY)).toBeUndefined();
  });

  it('releases a key that failed after a committed phase at its recovery point, no earlier than releaseNoEarlierThan', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const later = new Date(NOW.getTime() + 3_600_000);
    const down = new Error('provider unavailable');

    const ended = await driveClaimedKey(() => ({ phases: [createOrder, charge(() => Promise.reject(down))], input: {} }), {
      ...(await claimed(store)),
      releaseNoEarlierThan: later,
    });

    expect(ended).toEqual({ end: 'released', error: down });
    expect(store.get('u', KEY)).toMatchObject({ state: 'running', recoveryPoint: 'order_created', leaseExpiresAt: later });
  });

  it('tells a release that failed too, instead of rejecting', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const driving = await claimed(store);
    const down = new Error('provider unavailable');

    const ended = await driveClaimedKey(() => {
      store.simulateOutage();
      return Promise.reject(down);
    }, driving);

    expect(ended).toMatchObject({ end: 'released', error: down, releaseError: expect.any(IdempotencyStoreUnavailableError) });
  });

  it('ends with lease-lost, touching nothing, when another request took the lapsed lease over', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const stale = await claimed(store);
    await claimed(store, new Date(NOW.getTime() + 30_000));
    const before = store.get('u', KEY);

    const ended = await driveClaimedKey(() => ({ phases: [createOrder, charge(async () => 'pi_1')], input: {} }), stale);

    expect(ended).toEqual({ end: 'lease-lost', error: expect.any(LeaseLostError) });
    expect(store.get('u', KEY)).toEqual(before);
  });

  it('ends with lease-lost when the final answer cannot be stored because the lease was taken over', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const stale = await claimed(store);

    const ended = await driveClaimedKey(async () => {
      await claimed(store, new Date(NOW.getTime() + 30_000));
      throw new OutOfStockError('mug');
    }, stale);

    expect(ended).toEqual({ end: 'lease-lost', error: expect.any(LeaseLostError) });
  });

  it('ends with store-unavailable, without a release, when the store cannot be reached', async () => {
    const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
    const driving = await claimed(store);
    const release = jest.spyOn(store, 'release');
    store.simulateOutage();

    const ended = await driveClaimedKey(() => ({ phases: [createOrder], input: {} }), driving);

    expect(ended).toEqual({ end: 'store-unavailable', error: expect.any(IdempotencyStoreUnavailableError) });
    expect(release).not.toHaveBeenCalled();
  });
});
