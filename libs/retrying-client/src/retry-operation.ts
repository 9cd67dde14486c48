import type { AxiosRequestConfig } from 'axios';
import type { AttemptFailure } from './attempt-failure';
import type { RetryDelay, StopReason } from './retry-plan';

// The config property that carries the operation from one attempt to the next, beside
// axios-retry's own 'axios-retry' state.
const OPERATION_PROPERTY = 'retrying-client';

type OperationCarrier = { [OPERATION_PROPERTY]?: RetryOperation };

/**
 * The state of one logical operation across its attempts. A class instance rather than a plain
 * object on purpose: axios's mergeConfig deep-copies plain objects when axios-retry re-dispatches
 * the config, but keeps class instances by reference, so every attempt sees this same object.
 */
export class RetryOperation {
  /** Failed attempts, in order. */
  readonly failures: AttemptFailure[] = [];
  /** Number of the attempt in flight, 1 for the first. */
  attempt = 0;
  /** When the attempt in flight started, in milliseconds since the epoch. */
  attemptStartedAt = 0;
  /** The delay before the last retry, in milliseconds; the decorrelated strategy grows from it. */
  previousDelayMs: number;
  /** The delay the retry condition chose, handed to axios-retry's `retryDelay`, in milliseconds. */
  plannedDelayMs = 0;
  /** Why that delay: its basis, the backoff cap and the server's hint (for `onRetry`). */
  plannedDelay?: RetryDelay;
  /** Why the retry condition declined to retry, when it did. */
  stopReason?: StopReason;
  /** Whether the caller set `Prefer` on the request itself (then it is never touched); set on the first attempt. */
  preferSetByCaller?: boolean;

  constructor(
    /** The key sent on every attempt, unquoted; absent when the request carries none. */
    readonly idempotencyKey: string | undefined,
    /** When the first attempt started, in milliseconds since the epoch. */
    readonly startedAt: number,
    /** Overall deadline, in milliseconds from `startedAt`. */
    readonly deadlineMs: number | undefined,
    /** The per-attempt timeout the caller asked for, in milliseconds (0: none). */
    readonly attemptTimeoutMs: number,
    baseDelayMs: number,
  ) {
    this.previousDelayMs = baseDelayMs;
  }

  /** The operation a request config belongs to, if an attempt of it has started. */
  static of(config: object | undefined): RetryOperation | undefined {
    return (config as OperationCarrier | undefined)?.[OPERATION_PROPERTY];
  }

  /** Ties this operation to a request config, so that axios-retry's re-dispatch carries it along. */
  attachTo(config: AxiosRequestConfig): void {
    (config as OperationCarrier)[OPERATION_PROPERTY] = this;
  }

  /** The time the operation has been running, in milliseconds. */
  elapsedMs(nowMs: number): number {
    return nowMs - this.startedAt;
  }
}
