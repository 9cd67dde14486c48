import { isAxiosError, type AxiosResponse } from 'axios';
import { classifyFailure, type AttemptFailure } from './attempt-failure';
import type { RetryBudget } from './retry-budget';
import { hooksOf, type AttemptSettledEvent, type RetryAttemptHooks } from './retry-hooks';
import { RetryOperation } from './retry-operation';

/**
 * The response interceptor, registered before axios-retry's, that sees the raw result of every
 * single attempt: it records each failure on the operation, keeps the retry budget's books (a
 * retryable failure costs a token, a success returns `tokenRatio`), and tells `onAttemptSettled`
 * what the attempt came to, once per attempt.
 */
export function createAttemptOutcomeInterceptor(budget: RetryBudget, clientHooks: RetryAttemptHooks = {}) {
  return {
    onFulfilled(response: AxiosResponse): AxiosResponse {
      const operation = RetryOperation.of(response.config);
      if (operation) {
        budget.recordSuccess();
        settled(clientHooks, operation, response.config, { verdict: 'succeeded', ...answerOf(response) });
      }
      return response;
    },
    onRejected(error: unknown): Promise<never> {
      const config = isAxiosError(error) ? error.config : undefined;
      const operation = RetryOperation.of(config);
      if (operation) {
        const failure = classifyFailure(error, operation.attempt, Date.now() - operation.attemptStartedAt);
        operation.failures.push(failure);
        if (failure.retryable) budget.recordFailure();
        const response = isAxiosError(error) ? error.response : undefined;
        settled(clientHooks, operation, config, { verdict: verdictOf(failure), failure, ...(response ? answerOf(response) : {}) });
      }
      return Promise.reject(error);
    },
  };
}

type Outcome = Partial<Pick<AttemptSettledEvent, 'status' | 'headers' | 'problemType' | 'failure'>> & Pick<AttemptSettledEvent, 'verdict'>;

function settled(
  clientHooks: RetryAttemptHooks,
  operation: RetryOperation,
  config: { method?: string; url?: string; hooks?: RetryAttemptHooks } | undefined,
  outcome: Outcome,
): void {
  const event: AttemptSettledEvent = {
    attempt: operation.attempt,
    method: (config?.method ?? 'get').toUpperCase(),
    url: config?.url ?? '',
    idempotencyKey: operation.idempotencyKey,
    durationMs: Date.now() - operation.attemptStartedAt,
    ...outcome,
  };
  for (const hooks of hooksOf(clientHooks, config)) hooks.onAttemptSettled?.(event);
}

// The same rule as the operation's outcome (retrying-client.error.ts): a 4xx that retrying cannot
// change is the server's definite answer; anything that may have been applied is ambiguous.
function verdictOf(failure: AttemptFailure): 'definite' | 'ambiguous' {
  return failure.ambiguous ? 'ambiguous' : 'definite';
}

function answerOf(response: AxiosResponse): Partial<Pick<AttemptSettledEvent, 'status' | 'headers' | 'problemType'>> {
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const problemType = problemTypeOf(response.data);
  return { status: response.status, headers, ...(problemType ? { problemType } : {}) };
}

function problemTypeOf(data: unknown): string | undefined {
  const body = typeof data === 'string' ? safeJson(data) : data;
  if (typeof body !== 'object' || body === null) return undefined;
  if ('type' in body && typeof body.type === 'string') return body.type;
  const stripe = 'error' in body ? (body.error as { type?: unknown } | null) : undefined;
  return typeof stripe?.type === 'string' ? stripe.type : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
