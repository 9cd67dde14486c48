import assert from 'node:assert/strict';
import type { IdempotencyKeyStore } from '../idempotency-key-store';
import type { IdempotencyKeyStoreScenario } from './store-scenario';
import { randomUUID } from 'node:crypto';
import { at, claimRequest, leaseOf, orderCreated } from './store-scenario';

/** Claims one key per retention period (in ms), all at T0; completes every other one. */
async function keysExpiringAfter(store: IdempotencyKeyStore, ttlsMs: number[]) {
  const requests = ttlsMs.map((ttlMs) => claimRequest({ ttlMs }));
  for (const [index, request] of requests.entries()) {
    const lease = leaseOf(await store.claim(request), false);
    if (index % 2 === 0) await store.complete(lease, orderCreated());
  }
  return requests;
}

/** Whether a record (expired or not) still exists: a claim past its expiry takes it over only if it does. */
async function survived(store: IdempotencyKeyStore, request: ReturnType<typeof claimRequest>, now: Date) {
  const result = await store.claim({ ...request, now });
  assert.equal(result.outcome, 'claimed');
  return result.outcome === 'claimed' && result.tookOver;
}

/** A purger's turn, kept 10 s after each full batch. */
function turnOf(purgerId = randomUUID()) {
  return { purgerId, turnMs: 10_000 };
}

/** The scheduled purge of retention-expired keys. */
export const PURGE_SCENARIOS: readonly IdempotencyKeyStoreScenario[] = [
  {
    name: 'purges only records whose retention has expired, running or completed',
    async run(store) {
      const [completed, running, kept] = await keysExpiringAfter(store, [1_000, 2_000, 60_000]);
      assert.equal(await store.purgeExpired(at(2_000), 100), 2);
      assert.equal(await store.purgeExpired(at(2_000), 100), 0);
      assert.equal(await survived(store, completed, at(60_000)), false);
      assert.equal(await survived(store, running, at(60_000)), false);
      assert.equal(await survived(store, kept, at(60_000)), true);
    },
  },
  {
    name: 'purges at most batchSize records per call, oldest expiry first',
    async run(store) {
      const [third, first, fifth, second, fourth] = await keysExpiringAfter(store, [3_000, 1_000, 5_000, 2_000, 4_000]);
      assert.equal(await store.purgeExpired(at(10_000), 2), 2);
      const after = at(10_000);
      const survivors = [await survived(store, first, after), await survived(store, second, after)];
      assert.deepEqual([...survivors, await survived(store, third, after)], [false, false, true]);
      // first, second and third now hold fresh records; only fourth and fifth are still expired.
      assert.equal(await store.purgeExpired(at(10_000), 2), 2);
      assert.equal(await store.purgeExpired(at(10_000), 2), 0);
      assert.deepEqual([await survived(store, fourth, after), await survived(store, fifth, after)], [false, false]);
    },
  },
  {
    name: 'takes turns: while one purger has full batches, another deletes nothing until its last batch ends the turn',
    async run(store) {
      await keysExpiringAfter(store, [1_000, 2_000, 3_000]);
      const [first, second] = [turnOf(), turnOf()];
      assert.equal(await store.purgeExpired(at(5_000), 2, first), 2);
      assert.equal(await store.purgeExpired(at(5_000), 2, second), undefined);
      assert.equal(await store.purgeExpired(at(5_000), 2, first), 1);
      await keysExpiringAfter(store, [1_000]);
      assert.equal(await store.purgeExpired(at(5_000), 2, second), 1);
    },
  },
  {
    name: 'passes the turn on once it lapsed, when its purger stopped after a full batch',
    async run(store) {
      await keysExpiringAfter(store, [1_000, 2_000, 3_000]);
      const [stopped, next] = [turnOf(), turnOf()];
      assert.equal(await store.purgeExpired(at(5_000), 1, stopped), 1);
      assert.equal(await store.purgeExpired(at(14_999), 1, next), undefined);
      assert.equal(await store.purgeExpired(at(15_000), 1, next), 1);
      assert.equal(await store.purgeExpired(at(15_000), 1, stopped), undefined);
    },
  },
  {
    name: 'purges without a turn whoever holds it',
    async run(store) {
      await keysExpiringAfter(store, [1_000, 2_000]);
      assert.equal(await store.purgeExpired(at(5_000), 1, turnOf()), 1);
      assert.equal(await store.purgeExpired(at(5_000), 1), 1);
    },
  },
];
