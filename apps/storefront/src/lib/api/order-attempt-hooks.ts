import type { AttemptSettledEvent, RetryAttemptHooks, RetryEvent } from '@safe-checkout/retrying-client';
import type { AttemptAnswer, AttemptOutcome, GiveUpReason, ProblemOutcome, WaitReason } from './types';

/** Receives the life of one order request, attempt by attempt, as it happens. */
export interface OrderAttemptObserver {
  attemptSent(attempt: number): void;
  attemptEnded(attempt: number, answer: AttemptAnswer): void;
  /** The client will retry after attempt `attempt` failed, after `wait`. */
  retryScheduled(attempt: number, wait: WaitReason): void;
  /** The client gave up after attempt `attempt`, for `reason`. */
  gaveUp(attempt: number, reason: GiveUpReason): void;
}

/**
 * The retrying client's events for one order request, translated for the retry timeline: each
 * attempt sent, each attempt settled (its answer), each retry scheduled (the wait and why) and the
 * give-up. Given per request, so that a double-click's twin requests, sharing the tab's one client,
 * each report only their own attempts.
 *
 * @example
 * http.post('/orders', body, { idempotencyKey, hooks: orderAttemptHooks(observer) });
 */
export function orderAttemptHooks(observer: OrderAttemptObserver): RetryAttemptHooks {
  return {
    onAttempt: ({ attempt }) => observer.attemptSent(attempt),
    onAttemptSettled: (event) => observer.attemptEnded(event.attempt, attemptAnswerOf(event)),
    onRetry: (event) => observer.retryScheduled(event.attempt - 1, waitReasonOf(event)),
    onGiveUp: (error) => observer.gaveUp(error.attempts, error.stopReason),
  };
}

/** What one settled attempt looks like on the timeline. */
export function attemptAnswerOf({ status, headers, problemType, failure, verdict }: AttemptSettledEvent): AttemptAnswer {
  if (status === undefined) return { outcome: failure?.kind === 'timeout' ? 'timed-out' : 'dropped' };
  const serverOutcome = headers?.['idempotency-outcome'];
  const replayed = headers?.['idempotent-replayed'] === 'true' || serverOutcome === 'replayed';
  const slug = problemType?.split('/').pop();
  const problemOutcome = headers?.['problem-outcome'] as ProblemOutcome | undefined;
  return {
    outcome: outcomeOf(status, verdict, replayed, serverOutcome === 'resumed'),
    status,
    replayed,
    ...(slug ? { slug } : {}),
    ...(problemOutcome ? { problemOutcome } : {}),
  };
}

/** The wait before retry `attempt - 1`, exactly as the client decided it. */
export function waitReasonOf({ attempt, delayMs, basis, capMs, retryAfterMs }: RetryEvent): WaitReason {
  return { basis, delayMs, retry: attempt - 1, capMs, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

// A success is what the shop says it did (http-contract.md, Idempotency-Outcome): a retry that
// finished an order an earlier attempt created is not "created by this attempt".
function outcomeOf(status: number, verdict: AttemptSettledEvent['verdict'], replayed: boolean, resumed: boolean): AttemptOutcome {
  if (verdict === 'succeeded') return replayed ? 'replayed' : resumed ? 'resumed' : 'created';
  if (status >= 500) return 'server-error';
  // The one 4xx the client calls ambiguous: 409, a request with this key is still running.
  if (verdict === 'ambiguous') return 'in-progress';
  return 'rejected';
}
