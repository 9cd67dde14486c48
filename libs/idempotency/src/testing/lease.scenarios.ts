import assert from 'node:assert/strict';
import { LeaseLostError } from '../lease-lost.error';
import type { IdempotencyKeyStoreScenario } from './store-scenario';
import { assertResult, assertSameTime, at, claimRequest, leaseOf, orderCreated } from './store-scenario';

const CONCURRENT_CLAIMS = 50;

/** Leases: take-over, fencing, release, and claims racing each other. */
export const LEASE_SCENARIOS: readonly IdempotencyKeyStoreScenario[] = [
  {
    name: 'lets a retry take over a lapsed lease with a new lease token',
    async run(store) {
      const request = claimRequest({ leaseMs: 30_000 });
      const first = leaseOf(await store.claim(request), false);
      const second = leaseOf(await store.claim({ ...request, now: at(30_000) }), true);
      assert.notEqual(second.leaseToken, first.leaseToken);
      assertSameTime(second.leaseExpiresAt, at(60_000));
    },
  },
  {
    name: "fences the old holder: after a take-over its complete rejects with LeaseLostError, the new holder's result stands",
    async run(store) {
      const request = claimRequest();
      const stale = leaseOf(await store.claim(request), false);
      const current = leaseOf(await store.claim({ ...request, now: at(30_000) }), true);
      await assert.rejects(store.complete(stale, orderCreated('ord_stale')), LeaseLostError);
      await store.complete(current, orderCreated('ord_current'));
      await assert.rejects(store.complete(stale, orderCreated('ord_stale')), LeaseLostError);
      assertResult(await store.claim({ ...request, now: at(31_000) }), {
        outcome: 'replay',
        response: orderCreated('ord_current'),
      });
    },
  },
  {
    // Failure scenario: a retry reads "running, lease lapsed", the slow holder then completes;
    // a take-over decided on that read would reset the completed key and run the order again.
    name: 'never takes over a key whose holder completed after the claimer read it (no second execution)',
    async run(store) {
      const request = claimRequest();
      const slow = leaseOf(await store.claim(request), false);
      const late = { ...request, now: at(30_000) };
      // The claims start first, so they read the record while it is still running.
      const claims = Array.from({ length: 20 }, () => store.claim(late));
      const completion = store.complete(slow, orderCreated('ord_slow')).then(
        () => true,
        (error: unknown) => {
          if (error instanceof LeaseLostError) return false;
          throw error;
        },
      );
      const [completed, ...results] = await Promise.all([completion, ...claims]);
      const takeOvers = results.filter((result) => result.outcome === 'claimed');
      if (completed) {
        assert.equal(takeOvers.length, 0, 'a completed key was taken over: its operation would run twice');
        assertResult(await store.claim({ ...late, now: at(31_000) }), { outcome: 'replay', response: orderCreated('ord_slow') });
      } else {
        assert.equal(takeOvers.length, 1, 'exactly one retry takes over a lapsed lease');
      }
    },
  },
  {
    name: 'rejects a second complete with the same lease and keeps the first response',
    async run(store) {
      const request = claimRequest();
      const lease = leaseOf(await store.claim(request), false);
      await store.complete(lease, orderCreated('ord_first'));
      await assert.rejects(store.complete(lease, orderCreated('ord_second')), LeaseLostError);
      assertResult(await store.claim(request), { outcome: 'replay', response: orderCreated('ord_first') });
    },
  },
  {
    name: 'frees the key on release, so a retry runs the operation again and the old lease cannot complete',
    async run(store) {
      const request = claimRequest();
      const failed = leaseOf(await store.claim(request), false);
      await store.release(failed);
      leaseOf(await store.claim({ ...request, now: at(1_000) }), false);
      await assert.rejects(store.complete(failed, orderCreated()), LeaseLostError);
    },
  },
  {
    name: 'ignores a release by a fenced holder and a release after completion',
    async run(store) {
      const request = claimRequest();
      const stale = leaseOf(await store.claim(request), false);
      const current = leaseOf(await store.claim({ ...request, now: at(30_000) }), true);
      await store.release(stale);
      const inProgress = { outcome: 'in-progress', retryAfterSeconds: 29 } as const;
      assertResult(await store.claim({ ...request, now: at(31_000) }), inProgress);
      await store.complete(current, orderCreated());
      await store.release(current);
      assertResult(await store.claim({ ...request, now: at(32_000) }), { outcome: 'replay', response: orderCreated() });
    },
  },
  {
    name: `grants exactly one of ${CONCURRENT_CLAIMS} concurrent claims on a new key`,
    async run(store) {
      const request = claimRequest();
      const results = await Promise.all(Array.from({ length: CONCURRENT_CLAIMS }, () => store.claim(request)));
      assert.equal(results.filter((result) => result.outcome === 'claimed').length, 1);
      const others = results.filter((result) => result.outcome !== 'claimed');
      assert.deepEqual(new Set(others.map((result) => JSON.stringify(result))), new Set([JSON.stringify({ outcome: 'in-progress', retryAfterSeconds: 30 })]));
    },
  },
  {
    name: `grants exactly one of ${CONCURRENT_CLAIMS} concurrent take-overs of a lapsed lease`,
    async run(store) {
      const request = claimRequest({ leaseMs: 30_000 });
      leaseOf(await store.claim(request), false);
      const retry = { ...request, now: at(30_000) };
      const results = await Promise.all(Array.from({ length: CONCURRENT_CLAIMS }, () => store.claim(retry)));
      const claimed = results.filter((result) => result.outcome === 'claimed');
      assert.equal(claimed.length, 1);
      leaseOf(claimed[0], true);
      assert.equal(results.filter((result) => result.outcome === 'in-progress').length, CONCURRENT_CLAIMS - 1);
    },
  },
];
