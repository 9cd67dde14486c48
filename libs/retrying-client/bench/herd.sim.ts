import { DEFAULT_OPTIONS, exponentialDelay } from 'axios-retry';
import { RETRYING_CLIENT_DEFAULTS, retryDelayMs, type RandomSource } from '../src';
import { normalDelay, withMathRandom } from './seeded-random';

/** Every client was told `Retry-After: 5` at the same moment. */
export const HERD_CLIENTS = 1000;
export const HERD_RETRY_AFTER_S = 5;
/** Width of a histogram bin, in milliseconds. */
export const HERD_BIN_MS = 10;

/** How a client turns `Retry-After: 5` on its first failure into a delay, in milliseconds. */
export interface HerdPolicy {
  label: string;
  delayMs(random: RandomSource): number;
}

// What axios-retry's delay functions read: the response's headers (typed by axios-retry's own axios).
type AxiosRetryError = NonNullable<Parameters<typeof exponentialDelay>[1]>;
const TOLD_TO_WAIT = { response: { headers: { 'retry-after': String(HERD_RETRY_AFTER_S) } } } as unknown as AxiosRetryError;

/** axios-retry's own handling, called for real, beside this library's. */
export const HERD_POLICIES: readonly HerdPolicy[] = [
  // axios-retry's default retryDelay (noDelay): exactly the Retry-After, no jitter.
  { label: 'axios-retry default retryDelay', delayMs: () => DEFAULT_OPTIONS.retryDelay(1, TOLD_TO_WAIT) },
  // axios-retry's exponentialDelay: max(2^n · 100 ms, Retry-After) plus 0–20 % of it.
  {
    label: 'axios-retry exponentialDelay',
    delayMs: (random) => withMathRandom(random, () => exponentialDelay(1, TOLD_TO_WAIT)),
  },
  {
    label: 'retrying-client (defaults)',
    delayMs: (random) =>
      retryDelayMs(
        { retry: 1, previousDelayMs: RETRYING_CLIENT_DEFAULTS.baseDelayMs, retryAfterMs: HERD_RETRY_AFTER_S * 1000 },
        RETRYING_CLIENT_DEFAULTS,
        random,
      ),
  },
];

/**
 * When each client's retry reaches the server, in milliseconds: the server shed every request at
 * t = 0 with `503, Retry-After: 5`; each answer and each retry crosses a |N(10 ms, 2 ms)| network.
 */
export function simulateHerd(policy: HerdPolicy, random: RandomSource): number[] {
  const arrivalsMs: number[] = [];
  for (let client = 0; client < HERD_CLIENTS; client++) {
    const toldAtMs = normalDelay(random, 10, 2);
    arrivalsMs.push(toldAtMs + policy.delayMs(random) + normalDelay(random, 10, 2));
  }
  return arrivalsMs;
}

/** Counts of `timesMs` per `binMs` bin from `startMs` to `endMs` (inclusive of the last bin). */
export function histogram(timesMs: readonly number[], startMs: number, endMs: number, binMs: number): number[] {
  const counts = new Array<number>(Math.floor((endMs - startMs) / binMs) + 1).fill(0);
  for (const t of timesMs) counts[Math.floor((t - startMs) / binMs)] += 1;
  return counts;
}

/**
 * How herd-like a return is: the busiest 10 ms bin divided by the mean count per bin over a
 * window shared by every policy compared, from the first return of any policy to the last of any.
 * 1 is perfectly even over that window; 1000 clients in one bin of a 100-bin window give 100.
 */
export function peakToMean(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  return Math.max(...counts) / (total / counts.length);
}
