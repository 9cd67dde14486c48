// The mistake people really make: axios-retry, plus a request interceptor that sets the
// Idempotency-Key. axios-retry re-dispatches every retry through the instance (`axiosInstance(config)`
// in its handleRetry), so request interceptors run again and each attempt carries a NEW key: after a
// lost response the server sees a brand-new operation and places the order a second time.
// (The retrying client's own interceptor sets the key only when absent, which is the fix.)
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import axiosRetry from 'axios-retry';
import { ATTEMPT_TIMEOUT_MS, orderBody, planCheckouts } from './safe-checkouts.mjs';

function createNaiveClient(proxyUrl, token, onAttempt) {
  const client = axios.create({ baseURL: proxyUrl, timeout: ATTEMPT_TIMEOUT_MS, headers: { Authorization: `Bearer ${token}` } });
  client.interceptors.request.use((config) => {
    config.headers['Idempotency-Key'] = `"${randomUUID()}"`;
    onAttempt(config.headers['Idempotency-Key']);
    return config;
  });
  // axios-retry's defaults otherwise: retry POST on network errors (not on timeouts or 5xx).
  axiosRetry(client, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
  return client;
}

/** The naive checkouts, tagged like the safe ones: (user, quantity) names one logical checkout. */
export const planNaiveCheckouts = planCheckouts;

/** Each naive customer places its checkouts one after the other, all customers at once. */
export async function runNaiveCheckouts({ proxyUrl, productId, checkouts }) {
  const customers = [...new Set(checkouts.map((checkout) => checkout.customer))];
  await Promise.all(customers.map(async (customer) => {
    let current;
    const client = createNaiveClient(proxyUrl, customer.token, (key) => {
      current.attempts++;
      current.keys.add(key);
    });
    for (const checkout of checkouts.filter((c) => c.customer === customer)) {
      current = Object.assign(checkout, { keys: new Set() });
      try {
        await client.post('/orders', orderBody(productId, checkout.quantity));
        checkout.outcome = 'succeeded';
      } catch (error) {
        checkout.outcome = 'failed';
        checkout.finalFailure = error.response ? `http:${error.response.status}` : (error.code ?? error.message);
      }
    }
  }));
}
