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

/** Passed to `onRetry` when a retry has been scheduled, before the wait starts. */
export interface RetryEvent {
  /** The number of the attempt that will be made after the wait (2 for the first retry). */
  attempt: number;
  /** How long the client waits before that attempt, in milliseconds. */
  delayMs: number;
  /** Why the previous attempt failed, e.g. `http:503`, `timeout`, `network:ECONNRESET`. */
  reason: string;
  /** The operation's key, unquoted; identical on every attempt. */
  idempotencyKey?: string;
}

/**
 * Observers of an operation's attempts; the storefront draws its retry timeline from them.
 * They run inline: a hook that throws fails the request.
 */
export interface RetryAttemptHooks {
  /** Called just before every attempt is sent, the first included. Default: none. */
  onAttempt?: (event: AttemptEvent) => void;
  /** Called when a retry is scheduled, before the wait. Default: none. */
  onRetry?: (event: RetryEvent) => void;
  /** Called once when the client gives up on an operation, with the error the caller will get. Default: none. */
  onGiveUp?: (error: RetryingClientError) => void;
}
