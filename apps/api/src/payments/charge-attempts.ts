import type { AttemptSettledEvent, RetryAttemptHooks, RetryEvent } from '@safe-checkout/retrying-client';

/** One attempt of a charge, as the retrying client reported it. */
export interface ChargeAttempt {
  attempt: number;
  verdict: AttemptSettledEvent['verdict'];
  /** The provider's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed, e.g. `timeout`, `http:503`, `network:ECONNRESET`. */
  reason?: string;
  durationMs: number;
  /** The wait the client chose before the next attempt, and why (backoff or Retry-After). */
  waitMs?: number;
  waitBasis?: RetryEvent['basis'];
}

/** One run of the charge phase: its key, its attempts, and how it ended. */
export interface ChargeRun {
  idempotencyKey: string;
  startedAt: string;
  attempts: ChargeAttempt[];
  /** `unknown`: no definite answer; the checkout stays at its recovery point. */
  result: 'succeeded' | 'declined' | 'invalid-payment-method' | 'unknown';
}

/**
 * Collects one charge run's attempts from the retrying client's events (per-request hooks): the
 * same events the storefront draws its timeline from, so the server's own retries towards the
 * provider are on record with the order (orders.charge_attempts).
 */
export function chargeRunRecorder(idempotencyKey: string): { hooks: RetryAttemptHooks; finish(result: ChargeRun['result']): ChargeRun } {
  const attempts: ChargeAttempt[] = [];
  const startedAt = new Date().toISOString();
  const hooks: RetryAttemptHooks = {
    onAttemptSettled: (event) =>
      attempts.push({
        attempt: event.attempt,
        verdict: event.verdict,
        ...(event.status === undefined ? {} : { status: event.status }),
        ...(event.failure ? { reason: event.failure.reason } : {}),
        durationMs: event.durationMs,
      }),
    onRetry: (event) => {
      const previous = attempts.find((attempt) => attempt.attempt === event.attempt - 1);
      if (previous) Object.assign(previous, { waitMs: Math.round(event.delayMs), waitBasis: event.basis });
    },
  };
  return { hooks, finish: (result) => ({ idempotencyKey, startedAt, attempts, result }) };
}
