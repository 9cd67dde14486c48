/** A source of uniform numbers in [0, 1), like `Math.random`. Inject a seeded one in tests and simulations. */
export type RandomSource = () => number;

/**
 * How the delays of successive retries spread out in time. Formulas from Brooker,
 * "Exponential Backoff and Jitter" (AWS Architecture Blog, 2015):
 * - `full`: uniform in [0, cap]; the fewest calls under contention.
 * - `equal`: cap/2 + uniform in [0, cap/2]; never retries almost immediately, but takes longer.
 * - `decorrelated`: min(maxDelay, uniform(base, 3 · previous delay)); fast, a few more calls.
 * - `proportional`: uniform in cap · [1 − spread, 1 + spread], at most maxDelay ("wait between
 *   1.5 s and 2.5 s" for a 2 s cap and the default spread 0.25; gRPC's connection backoff uses 0.2).
 * - `none`: exactly the cap; clients that failed together retry together (kept for comparison).
 */
export type JitterStrategy = 'full' | 'equal' | 'decorrelated' | 'proportional' | 'none';

/** The default `jitterSpread` of `proportional` jitter: ±25 % around the cap. */
export const PROPORTIONAL_JITTER_SPREAD = 0.25;

/** The shape of a capped binary exponential backoff. */
export interface BackoffOptions {
  /** Cap of the first retry's delay, in milliseconds; each later retry doubles it. */
  baseDelayMs: number;
  /** No delay is ever longer than this, in milliseconds. */
  maxDelayMs: number;
  /**
   * Half-width of `proportional` jitter as a share of the cap, in [0, 1]; other strategies ignore it.
   * Default: {@link PROPORTIONAL_JITTER_SPREAD} (0.25).
   */
  jitterSpread?: number;
}

/**
 * The cap of retry `retry` (1-based): `min(maxDelayMs, baseDelayMs · 2^(retry-1))`.
 *
 * @example
 * exponentialCap(4, { baseDelayMs: 1000, maxDelayMs: 20_000 }); // 8000: the 4th retry's cap is 8 s
 */
export function exponentialCap(retry: number, { baseDelayMs, maxDelayMs }: BackoffOptions): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
}

/**
 * Full jitter: uniform in [0, cap of `retry`], in milliseconds.
 *
 * @example
 * fullJitterDelay(1, { baseDelayMs: 1000, maxDelayMs: 20_000 }, () => 0.5); // 500
 */
export function fullJitterDelay(retry: number, backoff: BackoffOptions, random: RandomSource = Math.random): number {
  return random() * exponentialCap(retry, backoff);
}

/**
 * Equal jitter: half the cap of `retry`, plus uniform in [0, cap/2], in milliseconds.
 *
 * @example
 * equalJitterDelay(2, { baseDelayMs: 1000, maxDelayMs: 20_000 }, () => 0.5); // 1500
 */
export function equalJitterDelay(retry: number, backoff: BackoffOptions, random: RandomSource = Math.random): number {
  const cap = exponentialCap(retry, backoff);
  return cap / 2 + random() * (cap / 2);
}

/**
 * Decorrelated jitter: `min(maxDelayMs, uniform(baseDelayMs, 3 · previousDelayMs))`, in milliseconds.
 * It depends on the previous delay rather than on the retry number; before the first retry,
 * pass `baseDelayMs` as the previous delay.
 *
 * @example
 * decorrelatedJitterDelay(1000, { baseDelayMs: 1000, maxDelayMs: 20_000 }, () => 0.5); // 2000
 */
export function decorrelatedJitterDelay(previousDelayMs: number, { baseDelayMs, maxDelayMs }: BackoffOptions, random: RandomSource = Math.random): number {
  return Math.min(maxDelayMs, baseDelayMs + random() * (3 * previousDelayMs - baseDelayMs));
}

/**
 * Proportional jitter: uniform in [cap · (1 − spread), min(maxDelayMs, cap · (1 + spread))], in
 * milliseconds, where cap is that of `retry` and spread is `jitterSpread`.
 *
 * @example
 * proportionalJitterDelay(2, { baseDelayMs: 1000, maxDelayMs: 20_000 }, () => 0); // 1500: 2 s − 25 %
 */
export function proportionalJitterDelay(retry: number, backoff: BackoffOptions, random: RandomSource = Math.random): number {
  const cap = exponentialCap(retry, backoff);
  const spread = backoff.jitterSpread ?? PROPORTIONAL_JITTER_SPREAD;
  const lowest = cap * (1 - spread);
  // Clamped by narrowing the range, not by clipping draws: clipping would pile every draw above
  // maxDelayMs onto maxDelayMs itself, a small herd at the cap.
  const highest = Math.min(backoff.maxDelayMs, cap * (1 + spread));
  return lowest + random() * (highest - lowest);
}

/**
 * The delay before retry `retry` (1-based) under `strategy`, in milliseconds.
 * `previousDelayMs` is only read by `decorrelated`.
 */
export function backoffDelay(
  strategy: JitterStrategy,
  retry: number,
  previousDelayMs: number,
  backoff: BackoffOptions,
  random: RandomSource = Math.random,
): number {
  switch (strategy) {
    case 'full':
      return fullJitterDelay(retry, backoff, random);
    case 'equal':
      return equalJitterDelay(retry, backoff, random);
    case 'decorrelated':
      return decorrelatedJitterDelay(previousDelayMs, backoff, random);
    case 'proportional':
      return proportionalJitterDelay(retry, backoff, random);
    case 'none':
      return exponentialCap(retry, backoff);
  }
}
