import { RETRYING_CLIENT_DEFAULTS, RetryBudget, planRetry, type JitterStrategy, type RandomSource } from '../src';
import { EventQueue } from './event-queue';
import { normalDelay } from './seeded-random';

/** 20 client instances offering 5 requests/s each for 60 s; the server fails everything from 10 s to 40 s. */
export const OUTAGE = { clients: 20, requestsPerSecond: 5, durationMs: 60_000, startMs: 10_000, endMs: 40_000 } as const;

/** The result of one simulated outage. */
export interface OutageRun {
  /** Requests offered (first attempts) while the server was down. */
  offeredDuringOutage: number;
  /** Attempts, first ones and retries, that reached the server while it was down. */
  attemptsDuringOutage: number;
  /** When every attempt reached the server, in milliseconds. */
  arrivalsMs: number[];
}

type Attempt = { client: number; retry: number; previousDelayMs: number };

/**
 * Clients retry with the library's defaults (3 retries, full jitter from 1 s, cap 20 s; `jitter`
 * replaces full jitter) through its own `planRetry`, with or without its `RetryBudget` (one per
 * client instance).
 */
export function simulateOutage(withBudget: boolean, random: RandomSource, jitter: JitterStrategy = RETRYING_CLIENT_DEFAULTS.jitter): OutageRun {
  const queue = new EventQueue<Attempt>();
  const budgets = Array.from({ length: OUTAGE.clients }, () => new RetryBudget());
  const isDown = (t: number) => t >= OUTAGE.startMs && t < OUTAGE.endMs;
  const net = () => normalDelay(random, 10, 2);
  const arrivalsMs: number[] = [];
  let offeredDuringOutage = 0;

  for (let client = 0; client < OUTAGE.clients; client++) {
    // Poisson arrivals: exponential gaps between a client's requests.
    for (let t = -Math.log(1 - random()) * (1000 / OUTAGE.requestsPerSecond); t < OUTAGE.durationMs;) {
      if (isDown(t)) offeredDuringOutage += 1;
      queue.push(t, { client, retry: 0, previousDelayMs: RETRYING_CLIENT_DEFAULTS.baseDelayMs });
      t += -Math.log(1 - random()) * (1000 / OUTAGE.requestsPerSecond);
    }
  }
  for (let event = queue.pop(); event; event = queue.pop()) {
    const { atMs, payload } = event;
    const budget = budgets[payload.client];
    const reachedMs = atMs + net();
    arrivalsMs.push(reachedMs);
    if (!isDown(reachedMs)) {
      budget.recordSuccess();
      continue;
    }
    budget.recordFailure();
    const plan = planRetry(
      {
        retryable: true, // 503
        method: 'GET',
        hasIdempotencyKey: false,
        retry: payload.retry + 1,
        previousDelayMs: payload.previousDelayMs,
        budgetAllowsRetry: withBudget ? budget.allowsRetry : true,
        elapsedMs: 0,
      },
      { ...RETRYING_CLIENT_DEFAULTS, jitter },
      random,
    );
    const answeredMs = reachedMs + net();
    if (plan.retry) queue.push(answeredMs + plan.delayMs, { ...payload, retry: payload.retry + 1, previousDelayMs: plan.delayMs });
  }
  const attemptsDuringOutage = arrivalsMs.filter(isDown).length;
  return { offeredDuringOutage, attemptsDuringOutage, arrivalsMs };
}
