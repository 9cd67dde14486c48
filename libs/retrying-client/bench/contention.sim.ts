import { exponentialDelay } from 'axios-retry';
import { backoffDelay, type BackoffOptions, type JitterStrategy, type RandomSource } from '../src';
import { EventQueue } from './event-queue';
import { normalDelay, withMathRandom } from './seeded-random';

/** Brooker's base and cap: 5 ms and 2 s. */
export const BROOKER_BASE_MS = 5;
const CAP_MS = 2000;
// Brooker's simulator sleeps min(cap, base · 2^n) with n from 1: its first cap is 2 · base.
// exponentialCap counts from base · 2^0, so the same schedule (10, 20, 40… ms) is baseDelayMs 10.
// Decorrelated jitter uses the base itself as its floor and first "previous", so it keeps 5 ms.
const BROOKER_SCHEDULE: BackoffOptions = { baseDelayMs: 2 * BROOKER_BASE_MS, maxDelayMs: CAP_MS };
const BASE_5_MS: BackoffOptions = { baseDelayMs: BROOKER_BASE_MS, maxDelayMs: CAP_MS };
// Network delay of each message: |N(10 ms, 2 ms)|.
const NET_MEAN_MS = 10;
const NET_SD_MS = 2;

/** How a losing writer waits before it reads the row again. */
export interface ContentionStrategy {
  label: string;
  /** Drawn in the chart (the sensitivity row is left out). */
  charted: boolean;
  /** The delay before retry `retry` (1-based), in milliseconds. */
  delayMs(retry: number, previousDelayMs: number, random: RandomSource): number;
}

const ours = (label: string, jitter: JitterStrategy, backoff = BROOKER_SCHEDULE, charted = true): ContentionStrategy => ({
  label,
  charted,
  delayMs: (retry, previous, random) => backoffDelay(jitter, retry, previous, backoff, random),
});

/** The strategies compared: Brooker's five and proportional jitter, all computed by this library, plus axios-retry's `exponentialDelay`. */
export const CONTENTION_STRATEGIES: readonly ContentionStrategy[] = [
  { label: 'no backoff', charted: true, delayMs: () => 0 },
  ours('exponential, no jitter', 'none'),
  ours('full jitter', 'full'),
  ours('equal jitter', 'equal'),
  ours('decorrelated jitter', 'decorrelated', BASE_5_MS),
  ours('proportional jitter ±25 %', 'proportional'),
  {
    // axios-retry 4.x: 2^n · delayFactor (Brooker's schedule with delayFactor = base), uncapped, plus 0–20 %.
    label: 'axios-retry exponentialDelay',
    charted: true,
    delayMs: (retry, _previous, random) => withMathRandom(random, () => exponentialDelay(retry, undefined, BROOKER_BASE_MS)),
  },
  // Sensitivity: full jitter with baseDelayMs 5, i.e. every cap half of Brooker's.
  ours('full jitter, caps halved', 'full', BASE_5_MS, false),
];

/** The result of one simulated contention. */
export interface ContentionRun {
  /** Write calls the database served (Brooker's "calls"). */
  calls: number;
  /** When the last client learned its write succeeded, in milliseconds. */
  completionMs: number;
  /** When each write call reached the database, in milliseconds. */
  writeTimesMs: number[];
}

type Step = { kind: 'read' | 'write'; client: number; version: number };

/**
 * Brooker's optimistic-concurrency model ("Exponential Backoff and Jitter", 2015): `clients`
 * writers each read one row's version, then write it conditionally; exactly one write per version
 * wins, the losers back off, read again and retry, until every client has written once.
 */
export function simulateContention(clients: number, strategy: ContentionStrategy, random: RandomSource): ContentionRun {
  const queue = new EventQueue<Step>();
  const net = () => normalDelay(random, NET_MEAN_MS, NET_SD_MS);
  const retries = new Array<number>(clients).fill(0);
  const previousDelayMs = new Array<number>(clients).fill(BROOKER_BASE_MS);
  const writeTimesMs: number[] = [];
  let version = 0;
  let completionMs = 0;

  for (let client = 0; client < clients; client++) queue.push(net(), { kind: 'read', client, version: 0 });
  for (let event = queue.pop(); event; event = queue.pop()) {
    const { atMs, payload } = event;
    const { client } = payload;
    if (payload.kind === 'read') {
      // The read answer travels back, then the conditional write travels to the database.
      queue.push(atMs + net() + net(), { kind: 'write', client, version });
      continue;
    }
    writeTimesMs.push(atMs);
    const answeredAtMs = atMs + net();
    if (payload.version === version) {
      version += 1;
      completionMs = Math.max(completionMs, answeredAtMs);
      continue;
    }
    retries[client] += 1;
    const delayMs = strategy.delayMs(retries[client], previousDelayMs[client], random);
    previousDelayMs[client] = delayMs;
    queue.push(answeredAtMs + delayMs + net(), { kind: 'read', client, version: 0 });
  }
  return { calls: writeTimesMs.length, completionMs, writeTimesMs };
}
