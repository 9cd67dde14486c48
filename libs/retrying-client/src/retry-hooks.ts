import type { AttemptFailure } from './attempt-failure';
import type { RetryDelay } from './retry-plan';
import type { RetryingClientError } from './retrying-client.error';

/** Passed to `onAttempt` just before each attempt is sent. */
export interface AttemptEvent {
  /** 1 for the first attempt; also sent as `Idempotency-Attempt`. */
  attempt: number;
  /** The HTTP method, upper case. */
  method: string;
  /** The request URL as configured (relative to `baseURL` when one is set). */
  url: string;
  /** The operation's key, unquoted; absent when the request carries none. */
  idempotencyKey?: string;
}

/** Passed to `onAttempt`: the attempt about to be sent, which an observer may add a header to. */
export interface AttemptStartEvent extends AttemptEvent {
  /**
   * Sets a header on this attempt only, e.g. W3C `traceparent` naming the attempt's own span.
   * The retry protocol's headers (`Idempotency-Key`, `Idempotency-Attempt`) are not an observer's to change.
   */
  setHeader(name: string, value: string): void;
}

/**
 * Passed to `onAttemptSettled` when an attempt has ended, one per attempt, whatever happens next:
 * what the server answered (or that it did not) and what the client concluded from it, so that no
 * observer re-derives the classification.
 */
export interface AttemptSettledEvent extends AttemptEvent {
  /** How long the attempt took, in milliseconds. */
  durationMs: number;
  /**
   * `succeeded`: a 2xx. `definite`: the server answered for this operation and rejected it (a 4xx
   * that retrying cannot change). `ambiguous`: it may or may not have been applied (no answer,
   * timeout, 5xx, still in progress).
   */
  verdict: 'succeeded' | 'definite' | 'ambiguous';
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The answer's headers, lower-case names, when the server answered. */
  headers?: Record<string, string>;
  /** The problem `type` of an RFC 9457 answer, or a Stripe-shaped error's `error.type`. */
  problemType?: string;
  /** The failure as classified, when the attempt failed. */
  failure?: AttemptFailure;
}

/**
 * Passed to `onRetry` when a retry has been scheduled, before the wait starts: the decision itself
 * (like cockatiel's `onRetry` with `{ ...result, delay }`): `delayMs`, drawn from the backoff under
 * `capMs` or from the server's `Retry-After` (`basis`, with the hint `retryAfterMs`).
 */
export interface RetryEvent extends RetryDelay {
  /** The number of the attempt that will be made after the wait (2 for the first retry). */
  attempt: number;
  /** Why the previous attempt failed, e.g. `http:503`, `timeout`, `network:ECONNRESET`. */
  reason: string;
  /** The operation's key, unquoted; identical on every attempt. */
  idempotencyKey?: string;
}

/**
 * Observers of an operation's attempts; the storefront draws its retry timeline from them, the API
 * records its charges' attempts with them. Given per client (every request) and per request
 * (`hooks` in the request config; both are called, the client's first). They run inline: a hook
 * that throws fails the request.
 */
export interface RetryAttemptHooks {
  /** Called just before every attempt is sent, the first included. Default: none. */
  onAttempt?: (event: AttemptStartEvent) => void;
  /** Called once per attempt when it has ended, with its answer and the client's verdict. Default: none. */
  onAttemptSettled?: (event: AttemptSettledEvent) => void;
  /** Called when a retry is scheduled, before the wait. Default: none. */
  onRetry?: (event: RetryEvent) => void;
  /** Called once when the client gives up on an operation, with the error the caller will get. Default: none. */
  onGiveUp?: (error: RetryingClientError) => void;
}

/** The hooks of a request: the client's, then the request's own. */
export function hooksOf(client: RetryAttemptHooks, request: { hooks?: RetryAttemptHooks } | undefined): RetryAttemptHooks[] {
  return request?.hooks ? [client, request.hooks] : [client];
}
