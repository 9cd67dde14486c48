/** The shape of a {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Tokens in a full bucket, which is also where the bucket starts. Retries stop at half of it. Default 10. */
  maxTokens: number;
  /** Tokens a successful attempt puts back (a failed one costs 1). Default 0.1. */
  tokenRatio: number;
}

/** gRFC A6 defaults: during a total outage a client stops retrying after about 5 failed attempts. */
export const DEFAULT_RETRY_BUDGET: Readonly<RetryBudgetOptions> = { maxTokens: 10, tokenRatio: 0.1 };

// Tokens are counted in thousandths, as gRPC does, so that ten refunds of 0.1 make exactly 1
// and the "≤ half" threshold is not decided by floating-point residue.
const MILLI = 1000;

/**
 * A retry budget: the token bucket of gRPC retry throttling (gRFC A6), one per client instance.
 * Every failed attempt costs one token, every success returns `tokenRatio`; while the bucket
 * holds half of `maxTokens` or less, no retry is made (first attempts always are). During an
 * outage this bounds the extra load retries add, whatever the number of requests.
 *
 * @example
 * const budget = new RetryBudget({ maxTokens: 10 });
 * for (let i = 0; i < 5; i++) budget.recordFailure();
 * budget.allowsRetry; // false: 5 tokens left, 5 ≤ 10 / 2
 */
export class RetryBudget {
  readonly maxTokens: number;
  readonly tokenRatio: number;
  #milliTokens: number;

  constructor(options: Partial<RetryBudgetOptions> = {}) {
    this.maxTokens = options.maxTokens ?? DEFAULT_RETRY_BUDGET.maxTokens;
    this.tokenRatio = options.tokenRatio ?? DEFAULT_RETRY_BUDGET.tokenRatio;
    if (!(this.maxTokens > 0) || !(this.tokenRatio >= 0)) {
      throw new RangeError(`RetryBudget needs maxTokens > 0 and tokenRatio ≥ 0, got ${this.maxTokens} and ${this.tokenRatio}`);
    }
    this.#milliTokens = Math.round(this.maxTokens * MILLI);
  }

  /** Tokens currently in the bucket. */
  get tokens(): number {
    return this.#milliTokens / MILLI;
  }

  /** Whether a retry may be made now: more than half of `maxTokens` is left. */
  get allowsRetry(): boolean {
    return this.#milliTokens * 2 > Math.round(this.maxTokens * MILLI);
  }

  /** Takes one token for an attempt that failed in a retryable way (network error, timeout, 5xx, 429…). */
  recordFailure(): void {
    this.#milliTokens = Math.max(0, this.#milliTokens - MILLI);
  }

  /** Returns `tokenRatio` tokens for a successful attempt, up to `maxTokens`. */
  recordSuccess(): void {
    this.#milliTokens = Math.min(Math.round(this.maxTokens * MILLI), this.#milliTokens + Math.round(this.tokenRatio * MILLI));
  }
}
