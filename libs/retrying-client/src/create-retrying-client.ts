import axios, { type AxiosInstance } from 'axios';
import axiosRetry from 'axios-retry';
import { createAttemptOutcomeInterceptor } from './attempt-outcome.interceptor';
import { createAttemptInterceptor } from './attempt.interceptor';
import { toAxiosRetryConfig } from './axios-retry.config';
import { createGiveUpInterceptor } from './give-up.interceptor';
import { RetryBudget } from './retry-budget';
import { resolveOptions, type RetryingClientOptions } from './retrying-client.options';

/**
 * Creates an axios instance that retries safely: idempotent methods, and POST/PATCH that carry
 * an `Idempotency-Key` (the same on every attempt), after network failures, timeouts, 408, 429,
 * 500, 502, 503, 504 and 409-in-progress; with jittered capped exponential backoff, `Retry-After`,
 * a per-attempt timeout, an optional overall deadline and a retry budget per instance. When it
 * gives up, it rejects with a {@link RetryingClientError} that says whether the outcome is
 * definite or ambiguous.
 *
 * @example
 * const client = createRetryingClient({ axios: { baseURL: 'https://api.example' }, deadlineMs: 15_000 });
 * const key = crypto.randomUUID(); // keep it: reuse it if the outcome is ambiguous
 * const { data } = await client.post('/orders', order, { idempotencyKey: key });
 */
export function createRetryingClient(options: RetryingClientOptions = {}): AxiosInstance {
  const resolved = resolveOptions(options);
  const budget = new RetryBudget(resolved.budget);
  const client = axios.create({ ...resolved.axios, timeout: resolved.attemptTimeoutMs });

  client.interceptors.request.use(createAttemptInterceptor(resolved));
  // Response interceptors run in the order they are added: record the raw attempt, let
  // axios-retry decide and retry, then type the final failure.
  const outcome = createAttemptOutcomeInterceptor(budget, resolved);
  client.interceptors.response.use(outcome.onFulfilled, outcome.onRejected);
  // axios-retry is typed against the axios copy it resolves, possibly not ours; at runtime it only
  // uses the instance's interceptors and calls it, which every axios 1.x instance supports.
  axiosRetry(client as unknown as Parameters<typeof axiosRetry>[0], toAxiosRetryConfig(resolved, budget));
  client.interceptors.response.use(undefined, createGiveUpInterceptor(resolved));
  return client;
}
