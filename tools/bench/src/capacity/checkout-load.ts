// The load every capacity scenario is measured by: closed-loop clients doing POST /orders with a
// fresh Idempotency-Key each, split evenly over the API processes and rotating over the users, so
// that no per-user limit stands for a shop's throughput. Latencies are measured here, per request,
// so that the two processes' figures combine exactly.
import { newIdempotencyKey } from '../load';
import type { CapacityFixtures } from './capacity-fixtures';
import { percentile } from './capacity-report';

/** How long the load waits for its last requests after the window, before it aborts them. */
const DRAIN_TIMEOUT_MS = 30_000;

/** One window of checkout load. */
export interface CheckoutLoadResult {
  /** 201 answers completed inside the window, per second of it. */
  checkoutsPerSecond: number;
  /** Of the answers completed inside the window. */
  p50Ms: number;
  p99Ms: number;
  /** Answers by status, inside the window. */
  statusCodes: Record<string, number>;
  /** Network errors and aborted requests. */
  errors: number;
}

/** Runs `connections` closed-loop checkout clients for `seconds`. */
export async function runCheckoutLoad(urls: string[], fixtures: CapacityFixtures, connections: number, seconds: number): Promise<CheckoutLoadResult> {
  const users = fixtures.checkoutUsers;
  const started = Date.now();
  const endsAt = started + seconds * 1000;
  const abort = new AbortController();
  const latenciesMs: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const client = async (index: number) => {
    const url = urls[index % urls.length];
    while (Date.now() < endsAt) {
      const user = users[sent++ % users.length];
      const requestStarted = performance.now();
      try {
        const response = await fetch(`${url}/orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
          body: JSON.stringify(fixtures.nextOrderBody()),
          signal: abort.signal,
        });
        await response.arrayBuffer();
        if (Date.now() > endsAt) break;
        latenciesMs.push(performance.now() - requestStarted);
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
      } catch {
        if (Date.now() <= endsAt) errors++;
        // A refused connection must not spin: a short pause before the next try.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const drainTimer = setTimeout(() => abort.abort(), seconds * 1000 + DRAIN_TIMEOUT_MS);
  await Promise.all(Array.from({ length: connections }, (_, i) => client(i)));
  clearTimeout(drainTimer);
  return {
    checkoutsPerSecond: (statusCodes['201'] ?? 0) / seconds,
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    statusCodes,
    errors,
  };
}
