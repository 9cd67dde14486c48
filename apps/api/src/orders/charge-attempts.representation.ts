import type { StopReason } from '@safe-checkout/retrying-client';
import type { ChargeAttempt, ChargeRun } from '../checkout/charge-attempts';
import { chargeKeyOf } from '../checkout/charge-key';

/** The wait the server's retrying client chose before its next attempt at the provider, and why. */
export interface ChargeWaitView {
  /** The drawn wait, in milliseconds. */
  delayMs: number;
  /** `backoff`: drawn below the cap (full jitter); `retry-after`: the provider's `Retry-After`, with jitter. */
  basis: 'backoff' | 'retry-after';
  /** The backoff's cap for that retry, in milliseconds (absent in runs recorded before it was kept). */
  capMs?: number;
  /** The provider's `Retry-After`, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/** One attempt of a charge at the provider. */
export interface ChargeAttemptView {
  attempt: number;
  /** The retrying client's verdict: `succeeded` (2xx), `definite` (a final 4xx), `ambiguous` (no answer, timeout, 5xx, 409). */
  verdict: ChargeAttempt['verdict'];
  /** The provider's HTTP status, when it answered. */
  status?: number;
  /** The provider answered `Idempotent-Replayed: true`: the charge made earlier with this key, not a new one. */
  replayed?: boolean;
  /** Why the attempt failed: `network:ECONNRESET`, `timeout`, `http:503`, `http:409-in-progress`, … */
  reason?: string;
  durationMs: number;
  /** Present when the client retried after this attempt. */
  wait?: ChargeWaitView;
}

/** How a run of the charge phase ended (payments.md §2, phase 3). */
export type ChargeRunResult = 'succeeded' | 'declined' | 'invalid_payment_method' | 'invalid_request' | 'unknown';

/** One run of the charge phase: one request's (or one recovery pass's) attempts at the provider. */
export interface ChargeRunView {
  startedAt: string;
  result: ChargeRunResult;
  /** Why the client made no more attempts, when it gave up. */
  stopReason?: StopReason;
  attempts: ChargeAttemptView[];
}

/** The server's own attempts at the payment provider for an order, all with one derived key. */
export interface ChargeAttemptsView {
  /** The provider-side `Idempotency-Key`, derived from the order id: the same on every attempt of every run. */
  idempotencyKey: string;
  /** Oldest first. */
  runs: ChargeRunView[];
}

const RESULTS: ReadonlySet<string> = new Set<ChargeRunResult>(['succeeded', 'declined', 'invalid_payment_method', 'invalid_request', 'unknown']);

/**
 * The view of `orders.charge_attempts` (checkout.phases.ts records a run per charge phase). Its
 * jsonb is read defensively: a run or attempt that is not of the recorded shape is left out
 * rather than shown with made-up values.
 */
export function toChargeAttemptsView(orderId: string, recorded: unknown): ChargeAttemptsView {
  const runs = Array.isArray(recorded) ? recorded.filter(isChargeRun) : [];
  return { idempotencyKey: chargeKeyOf(orderId), runs: runs.map(toRunView) };
}

function toRunView(run: ChargeRun): ChargeRunView {
  return {
    startedAt: run.startedAt,
    result: run.result,
    ...(run.stopReason ? { stopReason: run.stopReason } : {}),
    attempts: run.attempts.filter(isChargeAttempt).map(toAttemptView),
  };
}

function toAttemptView(attempt: ChargeAttempt): ChargeAttemptView {
  return {
    attempt: attempt.attempt,
    verdict: attempt.verdict,
    ...(attempt.status === undefined ? {} : { status: attempt.status }),
    ...(attempt.replayed ? { replayed: true } : {}),
    ...(attempt.reason === undefined ? {} : { reason: attempt.reason }),
    durationMs: attempt.durationMs,
    ...(attempt.waitMs === undefined || attempt.waitBasis === undefined ? {} : { wait: toWaitView(attempt) }),
  };
}

function toWaitView(attempt: ChargeAttempt): ChargeWaitView {
  return {
    delayMs: attempt.waitMs!,
    basis: attempt.waitBasis!,
    ...(attempt.waitCapMs === undefined ? {} : { capMs: attempt.waitCapMs }),
    ...(attempt.retryAfterMs === undefined ? {} : { retryAfterMs: attempt.retryAfterMs }),
  };
}

function isChargeRun(value: unknown): value is ChargeRun {
  const run = value as Partial<ChargeRun> | null;
  return typeof run?.startedAt === 'string' && typeof run.result === 'string' && RESULTS.has(run.result) && Array.isArray(run.attempts);
}

function isChargeAttempt(value: unknown): value is ChargeAttempt {
  const attempt = value as Partial<ChargeAttempt> | null;
  return Number.isInteger(attempt?.attempt) && typeof attempt?.verdict === 'string' && typeof attempt.durationMs === 'number';
}
