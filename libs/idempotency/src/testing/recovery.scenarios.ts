import assert from 'node:assert/strict';
import type { ClaimResult } from '../idempotency-key-store';
import { LeaseLostError } from '../lease-lost.error';
import type { IdempotencyKeyStoreScenario } from './store-scenario';
import { assertResult, assertSameTime, at, claimRequest, fingerprintOf, leaseOf, orderCreated } from './store-scenario';

const ORDER_CREATED = 'order_created';
const SAVED = { orderId: 'ord_1', paymentMethod: 'pm_card_visa' };

function resumeOf(result: ClaimResult) {
  assert.equal(result.outcome, 'claimed', `expected a claim, got ${JSON.stringify(result)}`);
  return JSON.parse(JSON.stringify((result as Extract<ClaimResult, { outcome: 'claimed' }>).resume));
}

/** Recovery points (payments.md §2): advance, resume after a crash or a release, recovery workers. */
export const RECOVERY_SCENARIOS: readonly IdempotencyKeyStoreScenario[] = [
  {
    name: 'starts a new key at the recovery point "started" with no saved state',
    async run(store) {
      assert.deepEqual(resumeOf(await store.claim(claimRequest())), { recoveryPoint: 'started', recoveryState: null });
    },
  },
  {
    name: 'resumes a take-over of a lapsed lease at the recovery point the holder advanced to, with its saved state',
    async run(store) {
      const request = claimRequest();
      const crashed = leaseOf(await store.claim(request), false);
      await store.advance(crashed, ORDER_CREATED, SAVED);
      const retry = await store.claim({ ...request, now: at(30_000) });
      leaseOf(retry, true);
      assert.deepEqual(resumeOf(retry), { recoveryPoint: ORDER_CREATED, recoveryState: SAVED });
    },
  },
  {
    // Failure scenario: a retry reads "started, lease lapsed", the slow holder then commits its
    // first phase (order created); a take-over decided on that read would reset the key to
    // "started" and create a second order.
    name: 'never resets a key that its holder advanced after the claimer read it: a take-over resumes where the holder got to',
    async run(store) {
      const request = claimRequest();
      const slow = leaseOf(await store.claim(request), false);
      const late = { ...request, now: at(30_000) };
      const claims = Array.from({ length: 20 }, () => store.claim(late));
      const advanced = store.advance(slow, ORDER_CREATED, SAVED).then(
        () => true,
        (error: unknown) => {
          if (error instanceof LeaseLostError) return false;
          throw error;
        },
      );
      const [holderAdvanced, ...results] = await Promise.all([advanced, ...claims]);
      const takeOvers = results.filter((result) => result.outcome === 'claimed');
      assert.equal(takeOvers.length, 1, 'exactly one retry takes over a lapsed lease');
      if (holderAdvanced) {
        assert.deepEqual(resumeOf(takeOvers[0]), { recoveryPoint: ORDER_CREATED, recoveryState: SAVED }, 'the take-over lost the committed first phase');
      }
    },
  },
  {
    name: 'fences advance: a holder whose lease was taken over cannot move the recovery point',
    async run(store) {
      const request = claimRequest();
      const stale = leaseOf(await store.claim(request), false);
      const current = leaseOf(await store.claim({ ...request, now: at(30_000) }), true);
      await assert.rejects(store.advance(stale, ORDER_CREATED, SAVED), LeaseLostError);
      await store.release(current, at(31_000));
      assert.deepEqual(resumeOf(await store.claim({ ...request, now: at(32_000) })), { recoveryPoint: 'started', recoveryState: null });
    },
  },
  {
    name: 'keeps an advanced key on release: the lease lapses at once and the same request resumes where it stopped',
    async run(store) {
      const request = claimRequest();
      const paused = leaseOf(await store.claim(request), false);
      await store.advance(paused, ORDER_CREATED, SAVED);
      await store.release(paused, at(1_000));
      assertResult(await store.claim({ ...request, fingerprint: fingerprintOf('other'), now: at(1_000) }), { outcome: 'mismatch' });
      const retry = await store.claim({ ...request, now: at(1_000) });
      leaseOf(retry, true);
      assert.deepEqual(resumeOf(retry), { recoveryPoint: ORDER_CREATED, recoveryState: SAVED });
      await assert.rejects(store.advance(paused, 'finished', null), LeaseLostError);
    },
  },
  {
    // Starting over would repeat the committed phase (a second order) while the first waits for
    // its charge: a key in the middle of an operation outlives its retention until it finishes.
    name: 'keeps a key in the middle of an operation past its retention: a claim resumes it, the purge and a new body leave it alone',
    async run(store) {
      const request = claimRequest({ ttlMs: 60_000 });
      const lease = leaseOf(await store.claim(request), false);
      await store.advance(lease, ORDER_CREATED, SAVED);
      await store.release(lease, at(1_000));

      assert.equal(await store.purgeExpired(at(120_000), 10), 0);
      assertResult(await store.claim({ ...request, fingerprint: fingerprintOf('other'), now: at(120_000) }), { outcome: 'mismatch' });
      const stalled = await store.claimStalled({ recoveryPoints: [ORDER_CREATED], lapsedForMs: 0, leaseMs: 30_000, limit: 10, now: at(120_000) });
      assert.deepEqual(
        stalled.map((claim) => claim.lease.key),
        [request.key],
      );
      await store.release(stalled[0].lease, at(121_000));
      assert.deepEqual(resumeOf(await store.claim({ ...request, now: at(122_000) })), { recoveryPoint: ORDER_CREATED, recoveryState: SAVED });
    },
  },
  {
    name: 'starts over when the retention of a key still at "started" expired',
    async run(store) {
      const request = claimRequest({ ttlMs: 60_000 });
      leaseOf(await store.claim(request), false);
      assert.deepEqual(resumeOf(await store.claim({ ...request, now: at(60_000) })), { recoveryPoint: 'started', recoveryState: null });
    },
  },
  {
    name: 'replays the response completed after an advance, never resuming a finished key',
    async run(store) {
      const request = claimRequest();
      const lease = leaseOf(await store.claim(request), false);
      await store.advance(lease, ORDER_CREATED, SAVED);
      await store.complete(lease, orderCreated());
      assertResult(await store.claim({ ...request, now: at(60_000) }), { outcome: 'replay', response: orderCreated() });
      assert.deepEqual(await store.claimStalled({ recoveryPoints: [ORDER_CREATED], lapsedForMs: 0, leaseMs: 30_000, limit: 10, now: at(120_000) }), []);
    },
  },
  {
    name: 'hands a recovery worker only the stalled keys at its recovery points, each with a new lease that fences the old holder',
    async run(store) {
      const stalled = claimRequest({ leaseMs: 10_000 });
      const crashed = leaseOf(await store.claim(stalled), false);
      await store.advance(crashed, ORDER_CREATED, SAVED);
      const fresh = claimRequest({ leaseMs: 10_000, now: at(5_000) });
      await store.advance(leaseOf(await store.claim(fresh), false), ORDER_CREATED, SAVED);
      leaseOf(await store.claim(claimRequest({ leaseMs: 10_000 })), false); // still at "started": nothing to resume
      const elsewhere = claimRequest({ leaseMs: 10_000 });
      await store.advance(leaseOf(await store.claim(elsewhere), false), 'shipment_booked', {});

      const taken = await store.claimStalled({ recoveryPoints: [ORDER_CREATED], lapsedForMs: 60_000, leaseMs: 30_000, limit: 10, now: at(70_000) });

      assert.equal(taken.length, 1, 'only the key whose lease lapsed 60 s ago at order_created');
      assert.equal(taken[0].lease.key, stalled.key);
      assertSameTime(taken[0].lease.leaseExpiresAt, at(100_000));
      assert.deepEqual(JSON.parse(JSON.stringify(taken[0].resume)), { recoveryPoint: ORDER_CREATED, recoveryState: SAVED });
      await assert.rejects(store.complete(crashed, orderCreated()), LeaseLostError);
      await store.complete(taken[0].lease, orderCreated());
    },
  },
  {
    name: 'tells a recovery worker the earliest lease expiry at its recovery points, lapsed or not, and nothing once none is left',
    async run(store) {
      const earliest = async () => (await store.earliestLeaseExpiry([ORDER_CREATED]))?.getTime();
      assert.equal(await earliest(), undefined);
      leaseOf(await store.claim(claimRequest({ leaseMs: 5_000 })), false); // at "started": not a worker's
      const later = leaseOf(await store.claim(claimRequest({ leaseMs: 20_000 })), false);
      await store.advance(later, ORDER_CREATED, SAVED);
      const earlier = leaseOf(await store.claim(claimRequest({ leaseMs: 10_000 })), false);
      await store.advance(earlier, ORDER_CREATED, SAVED);
      assert.equal(await earliest(), at(10_000).getTime());
      assert.equal(await store.earliestLeaseExpiry(['shipment_booked']), undefined);

      await store.complete(earlier, orderCreated());
      assert.equal(await earliest(), at(20_000).getTime());
      await store.release(later, at(1_000));
      assert.equal(await earliest(), at(1_000).getTime());
      await store.complete(later, orderCreated());
      assert.equal(await earliest(), undefined);
    },
  },
  {
    name: 'gives each stalled key to one recovery worker only, at most `limit` per call',
    async run(store) {
      const keys = [claimRequest(), claimRequest(), claimRequest()];
      for (const request of keys) await store.advance(leaseOf(await store.claim(request), false), ORDER_CREATED, SAVED);
      const ask = { recoveryPoints: [ORDER_CREATED], lapsedForMs: 0, leaseMs: 30_000, limit: 2, now: at(60_000) };
      const [first, second] = await Promise.all([store.claimStalled(ask), store.claimStalled(ask)]);
      const mine = keys.map((request) => request.key);
      const taken = [...first, ...second].map((claim) => claim.lease.key).filter((key) => mine.includes(key));
      assert.ok(first.length <= 2 && second.length <= 2, 'limit respected');
      assert.equal(new Set(taken).size, taken.length, 'no key handed to two workers');
      assert.equal(taken.length, 3);
    },
  },
];
