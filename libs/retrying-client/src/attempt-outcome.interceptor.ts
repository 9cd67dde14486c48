import { isAxiosError, type AxiosResponse } from 'axios';
import { classifyFailure } from './attempt-failure';
import type { RetryBudget } from './retry-budget';
import { RetryOperation } from './retry-operation';

/**
 * The response interceptor, registered before axios-retry's, that sees the raw result of every
 * single attempt: it records each failure on the operation and keeps the retry budget's books
 * (a retryable failure costs a token, a success returns `tokenRatio`).
 */
export function createAttemptOutcomeInterceptor(budget: RetryBudget) {
  return {
    onFulfilled(response: AxiosResponse): AxiosResponse {
      if (RetryOperation.of(response.config)) budget.recordSuccess();
      return response;
    },
    onRejected(error: unknown): Promise<never> {
      const operation = RetryOperation.of(isAxiosError(error) ? error.config : undefined);
      if (operation) {
        const failure = classifyFailure(error, operation.attempt, Date.now() - operation.attemptStartedAt);
        operation.failures.push(failure);
        if (failure.retryable) budget.recordFailure();
      }
      return Promise.reject(error);
    },
  };
}
