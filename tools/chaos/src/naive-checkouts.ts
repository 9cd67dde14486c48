// The mistake people really make: axios-retry, plus a request interceptor that sets the
// Idempotency-Key. axios-retry re-dispatches every retry through the instance (`axiosInstance(config)`
// in its handleRetry), so request interceptors run again and each attempt carries a NEW key: after a
// lost response the server sees a brand-new operation and places the order a second time.
// (The retrying client's own interceptor sets the key only when absent, which is the fix.)
import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import axiosRetry from 'axios-retry';
import { naiveFailureOf } from './naive-failure';
import { ATTEMPT_TIMEOUT_MS, orderBody, tagCheckouts, type PlannedCheckout } from './safe-checkouts';
import type { Customer } from './soak-customers';

/** A checkout through the naive client, and what its customer saw. */
export interface NaiveCheckout extends PlannedCheckout {
  /** Requests sent. */
  attempts: number;
  /** The distinct Idempotency-Keys those requests carried (one per attempt). */
  keys: Set<string>;
  outcome: 'pending' | 'succeeded' | 'failed';
  finalFailure?: string;
}

function createNaiveClient(proxyUrl: string, token: string, onAttempt: (key: string) => void): AxiosInstance {
  const client = axios.create({ baseURL: proxyUrl, timeout: ATTEMPT_TIMEOUT_MS, headers: { Authorization: `Bearer ${token}` } });
  client.interceptors.request.use((config) => {
    const key = `"${randomUUID()}"`;
    config.headers['Idempotency-Key'] = key;
    onAttempt(key);
    return config;
  });
  // axios-retry's defaults otherwise: retry POST on network errors (not on timeouts or 5xx).
  axiosRetry(client, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
  return client;
}

/** The naive checkouts, tagged like the safe ones: (user, quantity) names one logical checkout. */
export function planNaiveCheckouts(customers: readonly Customer[], total: number): NaiveCheckout[] {
  return tagCheckouts(customers, total).map((checkout) => ({ ...checkout, attempts: 0, keys: new Set<string>(), outcome: 'pending' }));
}

/** Each naive customer places its checkouts one after the other, all customers at once. */
export async function runNaiveCheckouts({
  proxyUrl,
  productId,
  checkouts,
}: {
  proxyUrl: string;
  productId: string;
  checkouts: NaiveCheckout[];
}): Promise<void> {
  const customers = [...new Set(checkouts.map((checkout) => checkout.customer))];
  await Promise.all(
    customers.map(async (customer) => {
      let current: NaiveCheckout;
      const client = createNaiveClient(proxyUrl, customer.token, (key) => {
        current.attempts++;
        current.keys.add(key);
      });
      for (const checkout of checkouts.filter((c) => c.customer === customer)) {
        current = checkout;
        try {
          await client.post('/orders', orderBody(productId, checkout.quantity));
          checkout.outcome = 'succeeded';
        } catch (error) {
          checkout.outcome = 'failed';
          checkout.finalFailure = naiveFailureOf(error);
        }
      }
    }),
  );
}
