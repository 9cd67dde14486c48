import type { AttemptSettledEvent, RetryAttemptHooks, RetryEvent, StopReason } from '@safe-checkout/retrying-client';

/** One attempt of a charge, as the retrying client reported it. */
export interface ChargeAttempt {
  attempt: number;
  verdict: AttemptSettledEvent['verdict'];
  /** The provider's HTTP status, when it answered. */
  status?: number;
  /** The provider answered with `Idempotent-Replayed: true`: the stored answer of an earlier attempt with this key. */
  replayed?: true;
  /** Why the attempt failed, e.g. `timeout`, `http:503`, `network:ECONNRESET`. */
  reason?: string;
  durationMs: number;
  /** The wait the client chose before the next attempt, and why (backoff or Retry-After). */
  waitMs?: number;
  waitBasis?: RetryEvent['basis'];
  /** The backoff's cap for that retry (full jitter draws below it), in milliseconds. */
  waitCapMs?: number;
  /** The provider's `Retry-After`, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/** One run of the charge phase: its key, its attempts, and how it ended. */
export interface ChargeRun {
  idempotencyKey: string;
  startedAt: string;
  attempts: ChargeAttempt[];
  /** `unknown`: no definite answer; the checkout stays at its recovery point. */
  result: 'succeeded' | 'declined' | 'invalid_payment_method' | 'invalid_request' | 'unknown';
  /** Why the client made no more attempts, when it gave up (e.g. `retries-exhausted`, `deadline-exceeded`). */
  stopReason?: StopReason;
}

/**
 * Collects one charge run's attempts from the retrying client's events (per-request hooks): the
 * same events the storefront draws its timeline from, so the server's own retries towards the
 * provider are on record with the order (orders.charge_attempts).
 */
export function chargeRunRecorder(idempotencyKey: string): { hooks: RetryAttemptHooks; finish(result: ChargeRun['result']): ChargeRun } {
  const attempts: ChargeAttempt[] = [];
  const startedAt = new Date().toISOString();
  let stopReason: ChargeRun['stopReason'];
  const hooks: RetryAttemptHooks = {
    onAttemptSettled: (event) =>
      attempts.push({
        attempt: event.attempt,
        verdict: event.verdict,
        ...(event.status === undefined ? {} : { status: event.status }),
        ...(event.headers?.['idempotent-replayed'] === 'true' ? { replayed: true as const } : {}),
        ...(event.failure ? { reason: event.failure.reason } : {}),
        durationMs: event.durationMs,
      }),
    onRetry: (event) => {
      const previous = attempts.find((attempt) => attempt.attempt === event.attempt - 1);
      if (!previous) return;
      Object.assign(previous, {
        waitMs: Math.round(event.delayMs),
        waitBasis: event.basis,
        waitCapMs: Math.round(event.capMs),
        ...(event.retryAfterMs === undefined ? {} : { retryAfterMs: Math.round(event.retryAfterMs) }),
      });
    },
    onGiveUp: (error) => (stopReason = error.stopReason),
  };
  return { hooks, finish: (result) => ({ idempotencyKey, startedAt, attempts, result, ...(stopReason ? { stopReason } : {}) }) };
}
