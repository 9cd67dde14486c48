import type { RetryingClientOptions } from '@safe-checkout/retrying-client';

/**
 * How the tab's client retries: the spec's defaults (3 retries, 1 s base, full jitter), the longest
 * wait capped at 8 s so that a demo never sits still for 20 s, 10 s per attempt, and a 30 s deadline
 * after which the outcome is unknown and Check again offered. Reads set their own timeouts.
 */
export const CHECKOUT_RETRY_POLICY = {
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  jitter: 'full',
  attemptTimeoutMs: 10_000,
  deadlineMs: 30_000,
  // The client's default, stated here so that the page can say what the checkout sends.
  preferWaitSeconds: 5,
} as const satisfies RetryingClientOptions;
