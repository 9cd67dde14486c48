// The payment mistake on the server's side, made for real: the charge call as it is usually
// written, axios + axios-retry with a request interceptor that mints the provider's
// Idempotency-Key. axios-retry sends every retry back through the instance, so the interceptor runs
// again and each attempt carries a NEW key; a charge whose answer was lost (or arrived after the
// attempt timed out) is then charged a second time by the retry. It is run for the naive customers'
// orders, against the real sandbox, through the same faulty provider proxy the API replicas charge
// through. The API's own charge (apps/api/src/checkout/payment-provider.ts) sends one key derived
// from the order id on every attempt instead.
import { randomUUID } from 'node:crypto';
import axios, { type AxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import { naiveFailureOf } from './naive-failure';
import { PROVIDER_SECRET_KEY } from './payment-sandbox';
import { SOAK_PAYMENT_METHOD } from './safe-checkouts';

/**
 * The metadata field that names the order of a naive charge. Not `order_id`: the shop's own
 * reconciliation (payments.md §3) and its provider look-ups never see these charges.
 */
export const NAIVE_ORDER_ID_FIELD = 'naive_order_id';

// The API's charge timings (per-attempt timeout, retries), so both face the provider hop alike.
const ATTEMPT_TIMEOUT_MS = 4000;
const RETRIES = 3;

/** An order as the naive server charges it. */
export interface ChargeableOrder {
  id: string;
  userId: string;
  totalCents: number;
  currency: string;
}

/** One naive charge: `attempts` is the requests sent, each with a key of its own. */
export interface NaiveCharge {
  orderId: string;
  attempts: number;
  outcome: 'succeeded' | 'failed';
  finalFailure?: string;
}

/** The naive server's charging client. */
export interface NaiveChargeClient {
  charge: (order: ChargeableOrder) => Promise<NaiveCharge>;
}

// A Set, not a plain object: axios's config merge copies plain objects on every retry.
type KeysSentConfig = AxiosRequestConfig & { keysSent?: Set<string> };

/** The naive server's charging client against `providerUrl` (the provider proxy). */
export function createNaiveChargeClient(providerUrl: string): NaiveChargeClient {
  const client = axios.create({
    baseURL: providerUrl,
    timeout: ATTEMPT_TIMEOUT_MS,
    headers: { Authorization: `Bearer ${PROVIDER_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  client.interceptors.request.use((config) => {
    const key = randomUUID();
    config.headers['Idempotency-Key'] = key;
    (config as KeysSentConfig).keysSent?.add(key);
    return config;
  });
  // What "make the charge call resilient" usually becomes: retry network errors, timeouts and 5xx
  // (axios-retry's default retries a POST only after a network error), each attempt with a fresh
  // timeout (shouldResetTimeout; otherwise a timed-out attempt leaves no time for a retry).
  axiosRetry(client, {
    retries: RETRIES,
    retryDelay: axiosRetry.exponentialDelay,
    shouldResetTimeout: true,
    retryCondition: (error) => error.code === 'ECONNABORTED' || axiosRetry.isRetryableError(error),
  });
  return {
    async charge(order) {
      const keysSent = new Set<string>();
      const form = new URLSearchParams({
        amount: String(order.totalCents),
        currency: order.currency.toLowerCase(),
        payment_method: SOAK_PAYMENT_METHOD,
        confirm: 'true',
        [`metadata[${NAIVE_ORDER_ID_FIELD}]`]: order.id,
        'metadata[user_id]': order.userId,
      });
      const config: KeysSentConfig = { keysSent };
      try {
        await client.post('/v1/payment_intents', form.toString(), config);
        return { orderId: order.id, attempts: keysSent.size, outcome: 'succeeded' };
      } catch (error) {
        return { orderId: order.id, attempts: keysSent.size, outcome: 'failed', finalFailure: naiveFailureOf(error) };
      }
    },
  };
}
