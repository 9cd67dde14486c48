import type { RandomSource } from './backoff-delay';

/**
 * The most jitter added on top of a `Retry-After` hint, as a fraction of the (clamped) hint.
 * 0.2 spreads 1000 clients told "5 s" over one second instead of one millisecond.
 */
export const RETRY_AFTER_JITTER_RATIO = 0.2;

const DELAY_SECONDS = /^\d+$/;
// RFC 9110 HTTP-date in any of its three forms starts with a day name; the guard keeps
// Date.parse's lenient fallbacks from reading "1.5" or "soon" as a date.
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i;

/**
 * Reads a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 *
 * @param value - the header value as received
 * @param nowMs - the current time, in milliseconds since the epoch (HTTP-dates are relative to it)
 * @returns the hinted delay in milliseconds (0 for a date in the past), or `undefined` when absent or unreadable
 *
 * @example
 * parseRetryAfterMs('5', Date.now()); // 5000
 * parseRetryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')); // 5000
 */
export function parseRetryAfterMs(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (DELAY_SECONDS.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  const dateMs = Date.parse(text);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

/**
 * The delay that honours a `Retry-After` hint: the hint clamped to `maxDelayMs`, plus a uniform
 * extra of up to {@link RETRY_AFTER_JITTER_RATIO} of it, in milliseconds. The extra keeps clients
 * that were all told the same thing from coming back in the same millisecond.
 *
 * @example
 * retryAfterDelay(5000, 20_000, () => 0.5); // 5500
 * retryAfterDelay(3_600_000, 20_000, () => 0); // 20000
 */
export function retryAfterDelay(hintMs: number, maxDelayMs: number, random: RandomSource = Math.random): number {
  const honoured = Math.min(hintMs, maxDelayMs);
  return honoured + random() * RETRY_AFTER_JITTER_RATIO * honoured;
}
