import { BackoffOptions, proportionalJitterDelay, RandomSource } from '@safe-checkout/retrying-client/backoff';

/**
 * How a duplicate that waits (`Prefer: wait`) polls the key when no completion signal can wake it
 * (no LISTEN/NOTIFY, docs/scale.md): 50 ms first, since most operations finish in milliseconds,
 * then doubling up to 500 ms, which bounds how late a waiter learns of the answer.
 */
export const KEY_POLL_BACKOFF: Readonly<BackoffOptions> = { baseDelayMs: 50, maxDelayMs: 500 };

/**
 * The pause before poll `poll` (1-based) of a waiting duplicate, in milliseconds: the cap of
 * {@link KEY_POLL_BACKOFF} ±25 % (proportional jitter), so duplicates that arrived together (a
 * retry storm) spread their claims instead of reading the key in lockstep.
 *
 * @example
 * keyPollDelayMs(1, () => 0.5); // 50
 * keyPollDelayMs(9, () => 0); // 375: the 500 ms cap, −25 %
 */
export function keyPollDelayMs(poll: number, random: RandomSource = Math.random): number {
  return proportionalJitterDelay(poll, KEY_POLL_BACKOFF, random);
}
