import { parseRetryAfterMs, type RetryAttemptHooks } from '@safe-checkout/retrying-client';

/** The longest a `Retry-After` may hold the recovery worker off, in ms: a hint of hours is a misconfigured provider, not a plan. */
export const MAX_PROVIDER_HOLD_OFF_MS = 30_000;
/** How long the worker holds off once the charge client's retry budget is spent, in ms: the provider looks down. */
export const SPENT_BUDGET_HOLD_OFF_MS = 5_000;

/**
 * When the payment provider may next be asked for a new charge, as far as this process knows
 * (payments.md §2 "Recovery"): it said 429 or 503 with `Retry-After`, or the charge client's retry
 * budget ran out. Fed by the retrying client's own events, so the decision is the client's, not
 * re-derived; read by the recovery worker before each round, so a provider that just came back
 * is not stormed by a backlog.
 */
export class ProviderHoldOff {
  private untilMs = 0;

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** The client hooks that feed it. */
  readonly hooks: RetryAttemptHooks = {
    onAttemptSettled: (event) => {
      if (event.status !== 429 && event.status !== 503) return;
      const hintMs = parseRetryAfterMs(event.headers?.['retry-after'], this.nowMs());
      if (hintMs !== undefined) this.holdFor(hintMs);
    },
    onGiveUp: (error) => {
      if (error.stopReason === 'budget-exhausted') this.holdFor(SPENT_BUDGET_HOLD_OFF_MS);
    },
  };

  /** Milliseconds left to wait; 0 when a charge may go. */
  remainingMs(): number {
    return Math.max(0, this.untilMs - this.nowMs());
  }

  private holdFor(ms: number): void {
    this.untilMs = Math.max(this.untilMs, this.nowMs() + Math.min(ms, MAX_PROVIDER_HOLD_OFF_MS));
  }
}
