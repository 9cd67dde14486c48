// Checkouts the way this project makes them: through the retrying client, one Idempotency-Key per
// logical checkout, kept by the caller so that an ambiguous outcome can be resolved later.
import { randomUUID } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { createRetryingClient, RetryingClientError, type RetryingClientOptions, type StopReason } from '@safe-checkout/retrying-client';
import type { Customer } from './soak-customers';
import { mapWithConcurrency } from './soak-customers';

/** The sandbox's test card that always succeeds (payments.md §1): every soak checkout pays with it. */
export const SOAK_PAYMENT_METHOD = 'pm_card_visa';

/** The body of `POST /orders` for every soak checkout. */
export interface OrderBody {
  items: Array<{ productId: string; quantity: number }>;
  paymentMethod: string;
}

/** The body of every soak checkout: one line of the load-test product, paid by card. */
export const orderBody = (productId: string, quantity: number): OrderBody => ({ items: [{ productId, quantity }], paymentMethod: SOAK_PAYMENT_METHOD });

/** Per-attempt timeout of the customers' client; the proxy's latency fault lasts longer than this. */
export const ATTEMPT_TIMEOUT_MS = 3000;

/**
 * The customers' client. Its timings are scaled down from the defaults (1 s base, 20 s cap, 10 s
 * timeout) to fit a soak of minutes. Its retry budget refunds a whole token per success (default
 * 0.1): the default budget is built to stop retrying when more than ~10 % of attempts fail, and
 * the soak injects 30 % on purpose — with it most faults would end as "ambiguous" at once and be
 * settled only by the resolution pass. It still throttles a customer during the outages.
 */
const CUSTOMER_CLIENT_OPTIONS: RetryingClientOptions = {
  retries: 6,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
  deadlineMs: 20_000,
  budget: { maxTokens: 10, tokenRatio: 1 },
};

/** After the load, with faults off: patient, to outlast any lease a killed replica left. */
const RESOLVER_CLIENT_OPTIONS: RetryingClientOptions = { retries: 8, baseDelayMs: 250, maxDelayMs: 3000, attemptTimeoutMs: 5000 };

/** A logical checkout: recognisable in the database by its customer and `quantity`. */
export interface PlannedCheckout {
  customer: Customer;
  /** Its customer's sequence number, 1, 2, 3…: the tag of the checkout. */
  quantity: number;
}

/** What the client concluded: `pending` until the checkout ran. */
export type SafeCheckoutOutcome = 'pending' | 'succeeded' | 'definite' | 'ambiguous';

/** A checkout through the retrying client, and what its customer saw. */
export interface SafeCheckout extends PlannedCheckout {
  /** Its Idempotency-Key, unquoted; the same on every attempt and in the resolution pass. */
  key: string;
  attempts: number;
  /** Why each failed attempt failed, in order (`http:503`, `timeout`…), the final one included. */
  failureReasons: string[];
  outcome: SafeCheckoutOutcome;
  orderId?: string;
  /** The answer was a replay (`Idempotent-Replayed: true`). */
  replayed?: boolean;
  stopReason?: StopReason;
  finalFailure?: string;
  /** Set by the resolution pass for a checkout that had ended ambiguous. */
  resolution?: 'had-happened' | 'had-not-happened' | `unresolved (${string})`;
}

/** What one `POST /orders` with a checkout's key came to. */
type PlaceOrderResult = Pick<SafeCheckout, 'outcome' | 'orderId' | 'replayed' | 'stopReason' | 'finalFailure'>;

/**
 * The logical checkouts tagged: checkout j belongs to customer j mod n and orders `quantity`
 * units, its customer's sequence number, so that each one is recognisable in the database by
 * (user, quantity).
 */
export function tagCheckouts(customers: readonly Customer[], total: number): PlannedCheckout[] {
  return Array.from({ length: total }, (_, j) => ({
    customer: customers[j % customers.length],
    quantity: Math.floor(j / customers.length) + 1,
  }));
}

/** The safe checkouts (see {@link tagCheckouts}), each with its key. */
export function planCheckouts(customers: readonly Customer[], total: number): SafeCheckout[] {
  return tagCheckouts(customers, total).map((checkout) => ({
    ...checkout,
    key: randomUUID(),
    attempts: 0,
    failureReasons: [],
    outcome: 'pending',
  }));
}

/** Each customer places its checkouts one after the other, all customers at once. */
export async function runSafeCheckouts({
  proxyUrl,
  productId,
  checkouts,
  onSettled,
}: {
  proxyUrl: string;
  productId: string;
  checkouts: SafeCheckout[];
  onSettled: () => void;
}): Promise<void> {
  const customers = [...new Set(checkouts.map((checkout) => checkout.customer))];
  await Promise.all(
    customers.map(async (customer) => {
      const own = checkouts.filter((checkout) => checkout.customer === customer);
      let current: SafeCheckout;
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
    }),
  );
}

/**
 * Settles every ambiguous checkout by sending it again with its key (faults off): a replay means
 * it had happened, a fresh 201 that it had not. Resolves to how many were ambiguous.
 */
export async function resolveAmbiguous({
  proxyUrl,
  productId,
  checkouts,
}: {
  proxyUrl: string;
  productId: string;
  checkouts: SafeCheckout[];
}): Promise<number> {
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

async function placeOrder(client: AxiosInstance, checkout: SafeCheckout, productId: string): Promise<PlaceOrderResult> {
  try {
    const response = await client.post<{ id: string }>('/orders', orderBody(productId, checkout.quantity), { idempotencyKey: checkout.key });
    return { outcome: 'succeeded', orderId: response.data.id, replayed: response.headers['idempotent-replayed'] === 'true' };
  } catch (error) {
    if (!(error instanceof RetryingClientError)) return { outcome: 'ambiguous', finalFailure: `unexpected: ${(error as Error).message}` };
    return { outcome: error.outcome, stopReason: error.stopReason, finalFailure: error.failures.at(-1)?.reason ?? 'unknown' };
  }
}
