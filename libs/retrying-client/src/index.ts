export { createRetryingClient } from './create-retrying-client';
export type { RetryingClientOptions } from './retrying-client.options';
export { RETRYING_CLIENT_DEFAULTS } from './retrying-client.options';
export type { RetryingRequestConfig } from './retrying-request-config';
export type { AttemptEvent, AttemptStartEvent, AttemptSettledEvent, RetryEvent, RetryAttemptHooks } from './retry-hooks';
export { RetryingClientError, outcomeOf } from './retrying-client.error';
export type { RetryOutcome, GiveUpDetails } from './retrying-client.error';
export type { AttemptFailure, FailureKind } from './attempt-failure';
export { classifyFailure } from './attempt-failure';
export type { StopReason, RetryPolicy, RetryContext, RetryPlan, RetryDelay } from './retry-plan';
export { planRetry, retryDelay, retryDelayMs, isRetryableMethod } from './retry-plan';
export type { BackoffOptions, JitterStrategy, RandomSource } from './backoff-delay';
export {
  backoffDelay,
  decorrelatedJitterDelay,
  equalJitterDelay,
  exponentialCap,
  fullJitterDelay,
  proportionalJitterDelay,
  PROPORTIONAL_JITTER_SPREAD,
} from './backoff-delay';
export { parseRetryAfterMs, retryAfterDelay, RETRY_AFTER_JITTER_RATIO } from './retry-after';
export { RetryBudget, DEFAULT_RETRY_BUDGET } from './retry-budget';
export type { RetryBudgetOptions } from './retry-budget';
export {
  IDEMPOTENCY_ATTEMPT_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  fromIdempotencyKeyHeader,
  mintIdempotencyKey,
  toIdempotencyKeyHeader,
} from './idempotency-key-header';
