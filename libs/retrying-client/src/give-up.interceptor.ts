import { isAxiosError, isCancel } from 'axios';
import { hooksOf } from './retry-hooks';
import { RetryOperation } from './retry-operation';
import { isRetryableMethod, type StopReason } from './retry-plan';
import { RetryingClientError } from './retrying-client.error';
import type { ResolvedOptions } from './retrying-client.options';

/**
 * The response interceptor, registered after axios-retry's, that turns the final failure of an
 * operation into a {@link RetryingClientError} and calls `onGiveUp` once. Every retry runs a
 * nested interceptor chain, so an outer chain sees the already-typed error and lets it through.
 * Cancellations stay axios `CanceledError`s, so `axios.isCancel` keeps working for callers.
 */
export function createGiveUpInterceptor(options: ResolvedOptions) {
  return (error: unknown): Promise<never> => {
    if (error instanceof RetryingClientError || !isAxiosError(error) || isCancel(error)) return Promise.reject(error);
    const operation = RetryOperation.of(error.config);
    if (!operation || operation.failures.length === 0) return Promise.reject(error);
    const giveUp = new RetryingClientError(error, {
      stopReason: operation.stopReason ?? inferStopReason(operation, error.config?.method ?? 'get'),
      failures: [...operation.failures],
      idempotencyKey: operation.idempotencyKey,
    });
    for (const hooks of hooksOf(options, error.config)) hooks.onGiveUp?.(giveUp);
    return Promise.reject(giveUp);
  };
}

// axios-retry asks the retry condition only while retries are left; otherwise say why here.
function inferStopReason(operation: RetryOperation, method: string): StopReason {
  const last = operation.failures[operation.failures.length - 1];
  if (!last?.retryable) return 'not-retryable';
  if (!isRetryableMethod(method, operation.idempotencyKey !== undefined)) return 'method-not-retryable';
  return 'retries-exhausted';
}
