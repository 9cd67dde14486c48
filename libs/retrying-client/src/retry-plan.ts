import { backoffDelay, exponentialCap, type BackoffOptions, type JitterStrategy, type RandomSource } from './backoff-delay';
import { retryAfterDelay } from './retry-after';

/** Why an operation stopped without success. */
export type StopReason =
  /** The last failure is not transient (a 4xx other than 408/429/409-in-progress, a TLS error…). */
  | 'not-retryable'
  /** POST or PATCH without an `Idempotency-Key` (or another non-idempotent method): a retry could apply it twice. */
  | 'method-not-retryable'
  /** Every allowed retry was made. */
  | 'retries-exhausted'
  /** The client's retry budget is spent: the server looks down, retries would only add load. */
  | 'budget-exhausted'
  /** The next retry could not finish before the overall deadline. */
  | 'deadline-exceeded';

/** How a client retries: the backoff plus how many retries and which jitter. */
export interface RetryPolicy extends BackoffOptions {
  /** Retries after the first attempt. */
  retries: number;
  jitter: JitterStrategy;
}

/** Everything known about a failed attempt when deciding whether to retry it. */
export interface RetryContext {
  /** Whether the failure is transient (see `AttemptFailure.retryable`). */
  retryable: boolean;
  /** The HTTP method, any case. */
  method: string;
  hasIdempotencyKey: boolean;
  /** The number of the retry being considered, 1-based (attempt `retry + 1`). */
  retry: number;
  /** The previous delay in milliseconds (`baseDelayMs` before the first retry); read by `decorrelated`. */
  previousDelayMs: number;
  /** The server's `Retry-After` hint, in milliseconds. */
  retryAfterMs?: number;
  /** Whether the retry budget still allows a retry. */
  budgetAllowsRetry: boolean;
  /** Time since the operation's first attempt started, in milliseconds. */
  elapsedMs: number;
  /** Overall deadline of the operation, in milliseconds from its start. */
  deadlineMs?: number;
  /** Per-attempt timeout in milliseconds; 0 or absent means none. */
  attemptTimeoutMs?: number;
}

/**
 * How a retry's wait was chosen, so that no caller has to re-derive it: from the jittered backoff
 * under its cap (`base·2^(n-1)`, at most `maxDelayMs`), or from the server's `Retry-After` hint
 * (clamped, with jitter on top) when that was longer.
 */
export interface RetryDelay {
  /** The drawn wait, in milliseconds. */
  delayMs: number;
  basis: 'backoff' | 'retry-after';
  /** The backoff's cap for this retry, in milliseconds (full jitter draws below it). */
  capMs: number;
  /** The server's `Retry-After` hint, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/** The decision: retry after `delayMs` (and why that long), or stop and say why. */
export type RetryPlan = ({ retry: true } & RetryDelay) | { retry: false; stopReason: StopReason };

// RFC 9110 §9.2.2: repeating these has the same effect as sending them once.
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['get', 'head', 'options', 'put', 'delete']);
const KEYED_METHODS: ReadonlySet<string> = new Set(['post', 'patch']);

/** GET, HEAD, OPTIONS, PUT and DELETE always; POST and PATCH only with an `Idempotency-Key`. */
export function isRetryableMethod(method: string, hasIdempotencyKey: boolean): boolean {
  const m = method.toLowerCase();
  return IDEMPOTENT_METHODS.has(m) || (hasIdempotencyKey && KEYED_METHODS.has(m));
}

/**
 * The delay before a retry, in milliseconds: the jittered backoff, or, when the server sent
 * `Retry-After`, the hint clamped to `maxDelayMs` with up to 20 % jitter on top, whichever is longer.
 */
export function retryDelayMs(
  context: Pick<RetryContext, 'retry' | 'previousDelayMs' | 'retryAfterMs'>,
  policy: RetryPolicy,
  random: RandomSource = Math.random,
): number {
  return retryDelay(context, policy, random).delayMs;
}

/** {@link retryDelayMs} with the reasons: the basis, the backoff cap and the hint. */
export function retryDelay(
  context: Pick<RetryContext, 'retry' | 'previousDelayMs' | 'retryAfterMs'>,
  policy: RetryPolicy,
  random: RandomSource = Math.random,
): RetryDelay {
  const capMs = exponentialCap(context.retry, policy);
  const backoff = backoffDelay(policy.jitter, context.retry, context.previousDelayMs, policy, random);
  if (context.retryAfterMs === undefined) return { delayMs: backoff, basis: 'backoff', capMs };
  const hinted = retryAfterDelay(context.retryAfterMs, policy.maxDelayMs, random);
  return hinted > backoff
    ? { delayMs: hinted, basis: 'retry-after', capMs, retryAfterMs: context.retryAfterMs }
    : { delayMs: backoff, basis: 'backoff', capMs, retryAfterMs: context.retryAfterMs };
}

/**
 * Decides whether a failed attempt is retried and after how long. Pure: the client's
 * axios-retry `retryCondition` and the retry-storm simulations both call it.
 */
export function planRetry(context: RetryContext, policy: RetryPolicy, random: RandomSource = Math.random): RetryPlan {
  if (!context.retryable) return { retry: false, stopReason: 'not-retryable' };
  if (!isRetryableMethod(context.method, context.hasIdempotencyKey)) {
    return { retry: false, stopReason: 'method-not-retryable' };
  }
  if (context.retry > policy.retries) return { retry: false, stopReason: 'retries-exhausted' };
  if (!context.budgetAllowsRetry) return { retry: false, stopReason: 'budget-exhausted' };
  const delay = retryDelay(context, policy, random);
  if (!fitsDeadline(context, delay.delayMs)) return { retry: false, stopReason: 'deadline-exceeded' };
  return { retry: true, ...delay };
}

// With a per-attempt timeout, the whole retry (wait + its timeout) must fit before the deadline,
// so it can always finish in time. Without one, it must at least start before the deadline;
// the client then clamps that attempt's timeout to the time left.
function fitsDeadline({ elapsedMs, deadlineMs, attemptTimeoutMs }: RetryContext, delayMs: number): boolean {
  if (deadlineMs === undefined) return true;
  const start = elapsedMs + delayMs;
  return attemptTimeoutMs ? start + attemptTimeoutMs <= deadlineMs : start < deadlineMs;
}
