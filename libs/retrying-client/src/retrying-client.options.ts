import type { CreateAxiosDefaults } from 'axios';
import type { JitterStrategy, RandomSource } from './backoff-delay';
import type { RetryAttemptHooks } from './retry-hooks';
import type { RetryBudgetOptions } from './retry-budget';

/** Options of {@link createRetryingClient}. Every one is optional; defaults are in {@link RETRYING_CLIENT_DEFAULTS}. */
export interface RetryingClientOptions extends RetryAttemptHooks {
  /**
   * axios defaults of the instance: `baseURL`, `headers`, `adapter`, `httpAgent`… Its `timeout`
   * is replaced by `attemptTimeoutMs`. Default: `{}`.
   */
  axios?: CreateAxiosDefaults;
  /** Retries after the first attempt, so at most `retries + 1` attempts. Default: 3. */
  retries?: number;
  /** Cap of the first retry's delay, in milliseconds; the cap doubles with each retry. Default: 1000. */
  baseDelayMs?: number;
  /**
   * Longest delay before any retry, in milliseconds; `Retry-After` hints are clamped to it too.
   * axios-retry has no cap. Default: 20 000.
   */
  maxDelayMs?: number;
  /** How retry delays are jittered. Default: `'full'` (fewest calls under contention). */
  jitter?: JitterStrategy;
  /** Half-width of `'proportional'` jitter as a share of each retry's cap, in [0, 1]. Default: 0.25 (±25 %). */
  jitterSpread?: number;
  /**
   * Timeout of each attempt, in milliseconds (axios `timeout`; a per-request `timeout` overrides
   * it); 0 for none. A timed-out attempt is retried. Default: 10 000.
   */
  attemptTimeoutMs?: number;
  /**
   * Overall deadline of an operation, all attempts and waits included, in milliseconds from the
   * first attempt: no retry is scheduled that could not finish before it. Default: none.
   */
  deadlineMs?: number;
  /**
   * Mint a UUIDv4 `Idempotency-Key` for every POST and PATCH that has none, which makes them
   * retryable. Off by default because a key only makes a retry safe if the server deduplicates
   * on it: turn it on for clients of servers that implement `Idempotency-Key`. Default: false.
   */
  mintIdempotencyKeys?: boolean;
  /**
   * Seconds a keyed request (one with an `Idempotency-Key`) asks the server to wait for a running
   * duplicate's answer, sent as `Prefer: wait=N` (RFC 7240) so that a double-click's twin gets the
   * first request's answer instead of 409 and polling. Always below the attempt's own timeout
   * (at most the timeout's whole seconds minus one), so the attempt never times out waiting; 0 sends
   * none. A `Prefer` header the caller set wins. Default: 5.
   */
  preferWaitSeconds?: number;
  /** The retry budget of this client instance (gRFC A6 token bucket). Default: `{ maxTokens: 10, tokenRatio: 0.1 }`. */
  budget?: Partial<RetryBudgetOptions>;
  /** Uniform random numbers in [0, 1) for the jitter. Default: `Math.random`. */
  random?: RandomSource;
}

/** The defaults of {@link RetryingClientOptions}. */
export const RETRYING_CLIENT_DEFAULTS = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 20_000,
  jitter: 'full',
  attemptTimeoutMs: 10_000,
  mintIdempotencyKeys: false,
  preferWaitSeconds: 5,
} as const satisfies RetryingClientOptions;

/** Options with their defaults filled in. */
export type ResolvedOptions = RetryingClientOptions & Required<Pick<RetryingClientOptions, keyof typeof RETRYING_CLIENT_DEFAULTS | 'random'>>;

/** Fills in defaults and rejects values that would make the backoff meaningless. */
export function resolveOptions(options: RetryingClientOptions): ResolvedOptions {
  const resolved: ResolvedOptions = { ...RETRYING_CLIENT_DEFAULTS, random: Math.random, ...withoutUndefined(options) };
  const { retries, baseDelayMs, maxDelayMs, attemptTimeoutMs } = resolved;
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be a whole number ≥ 0, got ${retries}`);
  if (!(baseDelayMs >= 0) || !(maxDelayMs >= baseDelayMs)) {
    throw new RangeError(`need 0 ≤ baseDelayMs ≤ maxDelayMs, got ${baseDelayMs} and ${maxDelayMs}`);
  }
  if (resolved.jitterSpread !== undefined && !(resolved.jitterSpread >= 0 && resolved.jitterSpread <= 1)) {
    throw new RangeError(`jitterSpread must be between 0 and 1, got ${resolved.jitterSpread}`);
  }
  if (!(attemptTimeoutMs >= 0)) throw new RangeError(`attemptTimeoutMs must be ≥ 0, got ${attemptTimeoutMs}`);
  if (!Number.isInteger(resolved.preferWaitSeconds) || resolved.preferWaitSeconds < 0) {
    throw new RangeError(`preferWaitSeconds must be a whole number ≥ 0, got ${resolved.preferWaitSeconds}`);
  }
  return resolved;
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
