import assert from 'node:assert/strict';
import type { IdempotencyKeyStoreScenario } from './store-scenario';
import { at, claimRequest, leaseOf } from './store-scenario';

const ORDER_CREATED = 'order_created';
const FIRST_TRACE = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const RETRY_TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** The trace context a claim carries: kept with the key for the recovery worker's pass to link to. */
export const TRACE_PARENT_SCENARIOS: readonly IdempotencyKeyStoreScenario[] = [
  {
    name: 'hands a recovery worker the trace context of the request that claimed the stalled key, and none when it carried none',
    async run(store) {
      const traced = claimRequest({ traceParent: FIRST_TRACE });
      const untraced = claimRequest({ now: at(1) });
      for (const request of [traced, untraced]) await store.advance(leaseOf(await store.claim(request), false), ORDER_CREATED, {});

      const taken = await store.claimStalled({ recoveryPoints: [ORDER_CREATED], lapsedForMs: 0, leaseMs: 30_000, limit: 10, now: at(60_000) });

      const traceParentOf = new Map(taken.map((claim) => [claim.lease.key, claim.traceParent]));
      assert.equal(taken.length, 2);
      assert.equal(traceParentOf.get(traced.key), FIRST_TRACE);
      assert.equal(traceParentOf.get(untraced.key), undefined);
      assert.ok(
        taken.every((claim) => claim.lease.key !== untraced.key || !('traceParent' in claim)),
        'no trace context, not an empty one',
      );
    },
  },
  {
    name: "keeps the trace context of the retry that took a lapsed key over: the worker links to the latest request's trace",
    async run(store) {
      const request = claimRequest({ traceParent: FIRST_TRACE });
      await store.advance(leaseOf(await store.claim(request), false), ORDER_CREATED, {});
      const retry = leaseOf(await store.claim({ ...request, traceParent: RETRY_TRACE, now: at(30_000) }), true);
      await store.release(retry, at(31_000));

      const [taken] = await store.claimStalled({ recoveryPoints: [ORDER_CREATED], lapsedForMs: 0, leaseMs: 30_000, limit: 10, now: at(60_000) });

      assert.equal(taken.traceParent, RETRY_TRACE);
    },
  },
];
