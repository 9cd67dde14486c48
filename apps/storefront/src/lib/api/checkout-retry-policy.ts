import type { RetryingClientOptions } from '@safe-checkout/retrying-client';

/**
 * How the tab's client retries, and what an order request gets: the spec's defaults (3 retries,
 * 1 s base, full jitter), with the longest wait capped at 8 s so that a demo never sits still for
 * 20 s, 10 s per attempt, and a 30 s deadline after which the customer is told the outcome is
 * unknown and offered "check again". A keyed request asks the shop to hold a duplicate until the
 * first request's answer is there (`Prefer: wait`, RFC 7240) rather than answer 409 at once. Reads
 * keep the backoff and set their own timeouts (`storefront-api.ts`). The How-this-works page reads
 * its numbers from here.
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
