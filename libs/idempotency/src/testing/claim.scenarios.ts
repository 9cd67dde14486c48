import assert from 'node:assert/strict';
import type { IdempotencyKeyStoreScenario } from './store-scenario';
import { assertResult, assertSameTime, at, claimRequest, fingerprintOf, leaseOf, orderCreated } from './store-scenario';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claiming a key in each state it can be in. */
export const CLAIM_SCENARIOS: readonly IdempotencyKeyStoreScenario[] = [
  {
    name: 'claims a new key with a fresh lease token that expires leaseMs from now',
    async run(store) {
      const request = claimRequest();
      const lease = leaseOf(await store.claim(request), false);
      assert.deepEqual({ scope: lease.scope, key: lease.key }, { scope: request.scope, key: request.key });
      assert.match(lease.leaseToken, UUID);
      assertSameTime(lease.leaseExpiresAt, at(30_000));
    },
  },
  {
    name: 'replays the completed response byte for byte',
    async run(store) {
      const request = claimRequest();
      await store.complete(leaseOf(await store.claim(request), false), orderCreated());
      assertResult(await store.claim({ ...request, now: at(1_000) }), { outcome: 'replay', response: orderCreated() });
    },
  },
  {
    name: 'replays a completed response even after its lease time has passed',
    async run(store) {
      const request = claimRequest();
      await store.complete(leaseOf(await store.claim(request), false), orderCreated());
      const anHourLater = { ...request, now: at(3_600_000) };
      assertResult(await store.claim(anHourLater), { outcome: 'replay', response: orderCreated() });
    },
  },
  {
    name: 'answers mismatch for the same key with another fingerprint, running or completed',
    async run(store) {
      const request = claimRequest();
      const reused = { ...request, fingerprint: fingerprintOf('other body'), now: at(1_000) };
      const lease = leaseOf(await store.claim(request), false);
      assertResult(await store.claim(reused), { outcome: 'mismatch' });
      await store.complete(lease, orderCreated());
      assertResult(await store.claim(reused), { outcome: 'mismatch' });
    },
  },
  {
    name: 'answers in-progress while the lease is held, with Retry-After in whole seconds rounded up',
    async run(store) {
      const request = claimRequest({ leaseMs: 30_000 });
      leaseOf(await store.claim(request), false);
      const retryAt = (ms: number) => store.claim({ ...request, now: at(ms) });
      assertResult(await retryAt(10_500), { outcome: 'in-progress', retryAfterSeconds: 20 });
      assertResult(await retryAt(29_999), { outcome: 'in-progress', retryAfterSeconds: 1 });
    },
  },
  {
    name: 'treats a retention-expired key as new even with another body, with a fresh retention period',
    async run(store) {
      const request = claimRequest({ ttlMs: 60_000 });
      await store.complete(leaseOf(await store.claim(request), false), orderCreated('ord_old'));
      const renewed = { ...request, fingerprint: fingerprintOf('new body'), now: at(60_000) };
      const lease = leaseOf(await store.claim(renewed), true);
      await store.complete(lease, orderCreated('ord_new'));
      // Still within the new record's retention (60 s from the take-over), though past the old one's.
      const replay = await store.claim({ ...renewed, now: at(119_999) });
      assertResult(replay, { outcome: 'replay', response: orderCreated('ord_new') });
    },
  },
  {
    name: "keeps another user's identical key apart",
    async run(store) {
      const alice = claimRequest();
      const bob = { ...alice, scope: `${alice.scope}-bob` };
      await store.complete(leaseOf(await store.claim(alice), false), orderCreated('ord_alice'));
      const bobsLease = leaseOf(await store.claim(bob), false);
      assertResult(await store.claim({ ...bob, now: at(1_000) }), { outcome: 'in-progress', retryAfterSeconds: 29 });
      await store.complete(bobsLease, orderCreated('ord_bob'));
      assertResult(await store.claim(alice), { outcome: 'replay', response: orderCreated('ord_alice') });
      assertResult(await store.claim(bob), { outcome: 'replay', response: orderCreated('ord_bob') });
    },
  },
];
