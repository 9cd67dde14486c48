// The checkouts that build the recovery backlog, sent as a client would send them: each with its
// own key, sent again when a 429 or a 503 without an order says to come back later; a bounded
// number at a time.
import { newIdempotencyKey } from '../load';
import type { CapacityFixtures } from './capacity-fixtures';
import { retryAfterMs } from './http-json';

/**
 * Checkouts in flight at once. 1 000 at once on one process made most of them wait for a database
 * connection past the pool's timeout: 503s without an order (measured on main, 7 December 2026).
 */
export const STALLED_CHECKOUT_CONCURRENCY = 200;

/** Answers a retrying client sends again (same key), after `Retry-After`: busy, not done. */
const RETRIED = new Set(['429', '503']);
/** …except this one: the order exists and its charge's outcome is unknown; the customer never retries. */
const UNKNOWN_OUTCOME = '503 payment-provider-unavailable';

/** Checkouts being sent. */
export interface StalledCheckouts {
  /** Every checkout has its final answer (or was cut). */
  settled: () => boolean;
  /** Cuts those still in flight (after the kill). */
  abort: () => void;
  /** Answers so far by status and problem type, e.g. `503 payment-provider-unavailable`. */
  answers: () => Record<string, number>;
}

/** Sends `count` checkouts to `url`, {@link STALLED_CHECKOUT_CONCURRENCY} at a time, rotating over the load's users. */
export function sendStalledCheckouts(url: string, fixtures: CapacityFixtures, count: number): StalledCheckouts {
  const controller = new AbortController();
  const answers: Record<string, number> = {};
  const counted = (answer: string) => (answers[answer] = (answers[answer] ?? 0) + 1);
  let next = 0;
  let pending = count;
  const checkout = async (i: number) => {
    const user = fixtures.checkoutUsers[i % fixtures.checkoutUsers.length];
    const headers = { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() };
    const body = JSON.stringify(fixtures.nextOrderBody());
    for (;;) {
      const response = await fetch(`${url}/orders`, { method: 'POST', headers, body, signal: controller.signal });
      const text = await response.text();
      const answer = response.status === 201 ? '201' : `${response.status} ${problemTypeOf(text)}`;
      counted(answer);
      if (!RETRIED.has(answer.replace(/ .*/, '')) || answer === UNKNOWN_OUTCOME) return;
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs(response.headers.get('retry-after'))));
    }
  };
  const sender = async () => {
    while (next < count && !controller.signal.aborted) {
      await checkout(next++)
        .catch(() => counted('none (cut by the kill)'))
        .finally(() => pending--);
    }
  };
  for (let i = 0; i < Math.min(STALLED_CHECKOUT_CONCURRENCY, count); i++) void sender();
  return { settled: () => pending === 0 || controller.signal.aborted, abort: () => controller.abort(), answers: () => ({ ...answers }) };
}

// The last segment of a problem+json `type`, or `?`.
function problemTypeOf(text: string): string {
  try {
    return (
      String((JSON.parse(text) as { type?: string }).type ?? '?')
        .split('/')
        .pop() || '?'
    );
  } catch {
    return '?';
  }
}
