import { AxiosError } from 'axios';
import type { AttemptFailure } from './attempt-failure';
import type { StopReason } from './retry-plan';

/**
 * What the caller can conclude about a failed operation:
 * - `definite`: the server answered with a 4xx; the operation was rejected or never admitted.
 *   Change the request (or wait, after 429) before trying again.
 * - `ambiguous`: an attempt ended without a trustworthy answer (no response, timeout, 5xx,
 *   still in progress), so the operation may or may not have happened. Retry later with the
 *   same `idempotencyKey` to find out; never with a new one.
 */
export type RetryOutcome = 'definite' | 'ambiguous';

/** The details a {@link RetryingClientError} carries besides the last axios error. */
export interface GiveUpDetails {
  stopReason: StopReason;
  failures: readonly AttemptFailure[];
  idempotencyKey?: string;
}

/**
 * The error of an operation the client gave up on. It is the last attempt's `AxiosError`
 * (same `code`, `config`, `response`; `axios.isAxiosError` holds; `cause` is the original)
 * plus what the retries learned.
 */
export class RetryingClientError<T = unknown, D = unknown> extends AxiosError<T, D> {
  override name = 'RetryingClientError';
  readonly outcome: RetryOutcome;
  readonly stopReason: StopReason;
  /** Every failed attempt, in order: number, reason, status or code, duration. */
  readonly failures: readonly AttemptFailure[];
  /** The operation's key, unquoted, to retry it later; absent when the request carried none. */
  readonly idempotencyKey?: string;

  constructor(last: AxiosError<T, D>, details: GiveUpDetails) {
    const outcome = outcomeOf(details.failures);
    super(describe(last, outcome, details), last.code, last.config, last.request, last.response);
    // Non-enumerable like axios's own `cause`: the original holds sockets that break JSON loggers.
    Object.defineProperty(this, 'cause', { value: last, enumerable: false, writable: true, configurable: true });
    this.outcome = outcome;
    this.stopReason = details.stopReason;
    this.failures = details.failures;
    this.idempotencyKey = details.idempotencyKey;
  }

  /** How many attempts were made. */
  get attempts(): number {
    return this.failures.length;
  }
}

/**
 * Definite when the last answer is a 4xx that rejects the request itself (the server answered
 * for this operation), or when no attempt could have been applied (e.g. only 429s). Otherwise
 * ambiguous: some attempt may have reached the server and been applied.
 */
export function outcomeOf(failures: readonly AttemptFailure[]): RetryOutcome {
  const last = failures[failures.length - 1];
  const rejected = last?.status !== undefined && last.status < 500 && !last.retryable;
  return rejected || failures.every((f) => !f.ambiguous) ? 'definite' : 'ambiguous';
}

const STOP_TEXT: Record<StopReason, string> = {
  'not-retryable': 'the failure is not transient',
  'method-not-retryable': 'the method is not idempotent and the request has no Idempotency-Key',
  'retries-exhausted': 'no retries left',
  'budget-exhausted': "the client's retry budget is spent",
  'deadline-exceeded': 'another attempt could not finish before the deadline',
};

function describe(last: AxiosError, outcome: RetryOutcome, { stopReason, failures, idempotencyKey }: GiveUpDetails): string {
  const request = `${(last.config?.method ?? 'get').toUpperCase()} ${last.config?.url ?? ''}`.trim();
  const tried = failures.map((f) => `#${f.attempt} ${f.reason}`).join(', ');
  const advice =
    outcome === 'ambiguous'
      ? `it may or may not have been applied${idempotencyKey ? `; retry later with Idempotency-Key "${idempotencyKey}"` : ''}`
      : 'it was not applied';
  return `${request} failed after ${failures.length} attempt(s) (${tried}); stopped: ${STOP_TEXT[stopReason]}; ${outcome}: ${advice}`;
}
