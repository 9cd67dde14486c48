import type { IAxiosRetryConfig } from 'axios-retry';
import { parseRetryAfterMs } from './retry-after';
import type { RetryBudget } from './retry-budget';
import { hooksOf, type RetryAttemptHooks } from './retry-hooks';
import { RetryOperation } from './retry-operation';
import { planRetry } from './retry-plan';
import type { ResolvedOptions } from './retrying-client.options';

/**
 * The axios-retry configuration of a retrying client. axios-retry keeps doing what it does well
 * (counting retries, waiting, re-dispatching through the instance so interceptors run again,
 * cutting the wait short on abort); four of its defaults are overridden:
 *
 * - `retryCondition` (default `isNetworkOrIdempotentRequestError`): that default retries a POST
 *   after a network error, the double-charge bug. Ours ({@link planRetry}) retries POST/PATCH only
 *   with an `Idempotency-Key`, also retries timeouts, 408 and 409-in-progress, only 500/502/503/504
 *   among 5xx, and stops when the retry budget or the deadline says so.
 * - `retryDelay` (default: no delay unless `Retry-After`; its `exponentialDelay` is uncapped with
 *   0–20 % jitter): ours is capped binary exponential backoff with full/equal/decorrelated jitter,
 *   and `Retry-After` clamped to `maxDelayMs` with jitter on top. The condition picks the delay
 *   (it needs it for the deadline check) and `retryDelay` hands it over.
 * - `shouldResetTimeout` (default false: `timeout` shrinks across retries, an overall limit):
 *   true, because `timeout` is per attempt here and the overall limit is `deadlineMs`.
 * - `onRetry`: reports to the caller's `onRetry` hook.
 */
export function toAxiosRetryConfig(options: ResolvedOptions, budget: RetryBudget): IAxiosRetryConfig {
  return {
    retries: options.retries,
    shouldResetTimeout: true,
    retryCondition: (error) => decideRetry(error, options, budget),
    retryDelay: (_retryCount, error) => RetryOperation.of(error.config)?.plannedDelayMs ?? 0,
    onRetry: (_retryCount, error) => {
      const operation = RetryOperation.of(error.config);
      if (!operation?.plannedDelay) return;
      const event = {
        ...operation.plannedDelay,
        attempt: operation.attempt + 1,
        reason: operation.failures[operation.failures.length - 1]?.reason ?? 'unknown',
        idempotencyKey: operation.idempotencyKey,
      };
      for (const hooks of hooksOf(options, error.config as { hooks?: RetryAttemptHooks })) hooks.onRetry?.(event);
    },
  };
}

// axios-retry's typings import whichever copy of axios resolves from its own folder, which
// need not be this library's; the seam is therefore typed by the few fields it reads.
interface RetriedError {
  config?: { method?: string; 'axios-retry'?: { retries?: number } };
  response?: { headers?: unknown };
}

function decideRetry(error: RetriedError, options: ResolvedOptions, budget: RetryBudget): boolean {
  const operation = RetryOperation.of(error.config);
  const failure = operation?.failures[operation.failures.length - 1];
  if (!operation || !failure || failure.attempt !== operation.attempt) return false;
  const nowMs = Date.now();
  const plan = planRetry(
    {
      retryable: failure.retryable,
      method: error.config?.method ?? 'get',
      hasIdempotencyKey: operation.idempotencyKey !== undefined,
      retry: operation.attempt,
      previousDelayMs: operation.previousDelayMs,
      retryAfterMs: parseRetryAfterMs(retryAfterHeader(error.response?.headers), nowMs),
      budgetAllowsRetry: budget.allowsRetry,
      elapsedMs: operation.elapsedMs(nowMs),
      deadlineMs: operation.deadlineMs,
      attemptTimeoutMs: operation.attemptTimeoutMs,
    },
    // A per-request `'axios-retry': { retries }` is honoured by axios-retry, so by the plan too.
    { ...options, retries: error.config?.['axios-retry']?.retries ?? options.retries },
    options.random,
  );
  if (!plan.retry) {
    operation.stopReason = plan.stopReason;
    return false;
  }
  operation.plannedDelayMs = plan.delayMs;
  operation.plannedDelay = {
    delayMs: plan.delayMs,
    basis: plan.basis,
    capMs: plan.capMs,
    ...(plan.retryAfterMs === undefined ? {} : { retryAfterMs: plan.retryAfterMs }),
  };
  operation.previousDelayMs = plan.delayMs;
  return true;
}

// Case-insensitive: axios's AxiosHeaders keeps the case it was given, and adapters differ.
function retryAfterHeader(headers: unknown): unknown {
  if (typeof headers !== 'object' || headers === null) return undefined;
  if ('get' in headers && typeof headers.get === 'function') return headers.get('retry-after');
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after');
  return entry?.[1];
}
