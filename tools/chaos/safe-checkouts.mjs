// Checkouts the way this project makes them: through the retrying client, one Idempotency-Key per
// logical checkout, kept by the caller so that an ambiguous outcome can be resolved later.
import { randomUUID } from 'node:crypto';
import retryingClient from '@safe-checkout/retrying-client';
import { mapWithConcurrency } from './soak-customers.mjs';

const { createRetryingClient, RetryingClientError } = retryingClient;

/** The sandbox's test card that always succeeds (payments.md §1): every soak checkout pays with it. */
export const SOAK_PAYMENT_METHOD = 'pm_card_visa';

/** The body of every soak checkout: one line of the load-test product, paid by card. */
export const orderBody = (productId, quantity) => ({ items: [{ productId, quantity }], paymentMethod: SOAK_PAYMENT_METHOD });

/** Per-attempt timeout of the customers' client; the proxy's latency fault lasts longer than this. */
export const ATTEMPT_TIMEOUT_MS = 3000;

/**
 * The customers' client. Its timings are scaled down from the defaults (1 s base, 20 s cap, 10 s
 * timeout) to fit a soak of minutes. Its retry budget refunds a whole token per success (default
 * 0.1): the default budget is built to stop retrying when more than ~10 % of attempts fail, and
 * the soak injects 30 % on purpose — with it most faults would end as "ambiguous" at once and be
 * settled only by the resolution pass. It still throttles a customer during the outages.
 */
const CUSTOMER_CLIENT_OPTIONS = {
  retries: 6,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
  deadlineMs: 20_000,
  budget: { maxTokens: 10, tokenRatio: 1 },
};

/** After the load, with faults off: patient, to outlast any lease a killed replica left. */
const RESOLVER_CLIENT_OPTIONS = { retries: 8, baseDelayMs: 250, maxDelayMs: 3000, attemptTimeoutMs: 5000 };

/**
 * The logical checkouts: checkout j belongs to customer j mod n and orders `quantity` units, its
 * customer's sequence number, so that each one is recognisable in the database by (user, quantity).
 */
export function planCheckouts(customers, total) {
  return Array.from({ length: total }, (_, j) => ({
    customer: customers[j % customers.length],
    quantity: Math.floor(j / customers.length) + 1,
    key: randomUUID(),
    attempts: 0,
    failureReasons: [],
    outcome: 'pending',
  }));
}

/** Each customer places its checkouts one after the other, all customers at once. */
export async function runSafeCheckouts({ proxyUrl, productId, checkouts, onSettled }) {
  const customers = [...new Set(checkouts.map((checkout) => checkout.customer))];
  await Promise.all(customers.map(async (customer) => {
    const own = checkouts.filter((checkout) => checkout.customer === customer);
    let current;
    const client = createRetryingClient({
      ...CUSTOMER_CLIENT_OPTIONS,
      axios: { baseURL: proxyUrl, headers: { Authorization: `Bearer ${customer.token}` } },
      onAttempt: () => current.attempts++,
      onRetry: ({ reason }) => current.failureReasons.push(reason),
    });
    for (const checkout of own) {
      current = checkout;
      Object.assign(checkout, await placeOrder(client, checkout, productId));
      if (checkout.outcome !== 'succeeded' && checkout.finalFailure) checkout.failureReasons.push(checkout.finalFailure);
      onSettled();
    }
  }));
}

/**
 * Settles every ambiguous checkout by sending it again with its key (faults off): a replay means
 * it had happened, a fresh 201 that it had not.
 */
export async function resolveAmbiguous({ proxyUrl, productId, checkouts }) {
  const ambiguous = checkouts.filter((checkout) => checkout.outcome === 'ambiguous');
  await mapWithConcurrency(ambiguous, 8, async (checkout) => {
    const client = createRetryingClient({
      ...RESOLVER_CLIENT_OPTIONS,
      axios: { baseURL: proxyUrl, headers: { Authorization: `Bearer ${checkout.customer.token}` } },
    });
    const result = await placeOrder(client, checkout, productId);
    if (result.outcome === 'succeeded') {
      checkout.resolution = result.replayed ? 'had-happened' : 'had-not-happened';
      Object.assign(checkout, { outcome: 'succeeded', orderId: result.orderId });
    } else {
      checkout.resolution = `unresolved (${result.finalFailure})`;
    }
  });
  return ambiguous.length;
}

async function placeOrder(client, checkout, productId) {
  try {
    const response = await client.post('/orders', orderBody(productId, checkout.quantity), { idempotencyKey: checkout.key });
    return { outcome: 'succeeded', orderId: response.data.id, replayed: response.headers['idempotent-replayed'] === 'true' };
  } catch (error) {
    if (!(error instanceof RetryingClientError)) return { outcome: 'ambiguous', finalFailure: `unexpected: ${error.message}` };
    return { outcome: error.outcome, stopReason: error.stopReason, finalFailure: error.failures.at(-1)?.reason ?? 'unknown' };
  }
}
