import type { AttemptSettledEvent, RetryAttemptHooks, RetryEvent } from '@safe-checkout/retrying-client';
import type { AttemptAnswer, AttemptOutcome, GiveUpReason, ProblemOutcome, WaitReason } from './types';

/** The life of one order request, attempt by attempt: `attempt` is the one that failed before a retry or the give-up. */
export interface OrderAttemptObserver {
  attemptSent(attempt: number): void;
  attemptEnded(attempt: number, answer: AttemptAnswer): void;
  retryScheduled(attempt: number, wait: WaitReason): void;
  gaveUp(attempt: number, reason: GiveUpReason): void;
}

/**
 * The retrying client's events for one order request, translated for the timeline. Given per
 * request, so that a double-click's twins, sharing the tab's one client, each report only their own.
 */
export function orderAttemptHooks(observer: OrderAttemptObserver): RetryAttemptHooks {
  return {
    onAttempt: ({ attempt }) => observer.attemptSent(attempt),
    onAttemptSettled: (event) => observer.attemptEnded(event.attempt, attemptAnswerOf(event)),
    onRetry: (event) => observer.retryScheduled(event.attempt - 1, waitReasonOf(event)),
    onGiveUp: (error) => observer.gaveUp(error.attempts, error.stopReason),
  };
}

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
