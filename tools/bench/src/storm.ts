// The storms: many concurrent requests with one key and one body, and the orders they created,
// counted in the database.
import { PAYMENT_METHOD, STORM_REQUESTS } from './bench-settings';
import type { Fixtures } from './fixtures';
import { addAnswers, newIdempotencyKey, runLoad, type LoadResult } from './load';

/** A storm's answers and executions. */
export interface StormResult extends Pick<LoadResult, 'statusCodes' | 'replayed' | 'errors'> {
  requestsSent: number;
  /** Orders the storm created. */
  executions: number;
  /** API processes the requests were split between. */
  processes: number;
  /** Latencies of a storm on one process (autocannon's figures cannot be merged across runs). */
  latency?: Pick<LoadResult, 'minMs' | 'p50Ms' | 'p99Ms'>;
}

/** Where a storm goes: the API processes (requests split evenly) and the route. */
export interface StormTarget {
  urls: string[];
  path: '/orders' | '/bench/orders-peer';
  /** More request headers, e.g. `{ prefer: 'wait=10' }`. */
  extraHeaders?: Record<string, string>;
}

/**
 * Sends {@link STORM_REQUESTS} requests with one new key and one body at once, as bob for the
 * storm's product, split evenly between `urls`, and counts bob's orders for it before and after.
 */
export async function measureStorm({ prisma, bob, stormProduct }: Fixtures, { urls, path, extraHeaders = {} }: StormTarget): Promise<StormResult> {
  const countOrders = () => prisma.order.count({ where: { userId: bob.user.id, lines: { some: { productId: stormProduct.id } } } });
  const before = await countOrders();
  const key = newIdempotencyKey();
  const body = { items: [{ productId: stormProduct.id, quantity: 1 }], paymentMethod: PAYMENT_METHOD };
  const perProcess = STORM_REQUESTS / urls.length;
  const results = await Promise.all(
    urls.map((url) => runLoad({ url, path, token: bob.accessToken, body, key, amount: perProcess, connections: perProcess, extraHeaders })),
  );
  const [only] = results;
  return {
    ...addAnswers(results),
    requestsSent: STORM_REQUESTS,
    executions: (await countOrders()) - before,
    processes: urls.length,
    ...(results.length === 1 ? { latency: { minMs: only.minMs, p50Ms: only.p50Ms, p99Ms: only.p99Ms } } : {}),
  };
}
