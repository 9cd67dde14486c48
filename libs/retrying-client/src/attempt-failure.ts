import { isAxiosError, isCancel } from 'axios';
import { isNetworkError } from 'axios-retry';

/** What went wrong with one attempt. */
export type FailureKind = 'network' | 'timeout' | 'status' | 'canceled' | 'other';

/** One failed attempt of a logical operation, as the caller sees it in a {@link RetryingClientError}. */
export interface AttemptFailure {
  /** 1 for the first attempt. */
  attempt: number;
  kind: FailureKind;
  /** A short label: `network:ECONNRESET`, `timeout`, `http:503`, `http:409-in-progress`, `canceled`, `other:…`. */
  reason: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The axios or system error code, e.g. `ECONNRESET`, `ECONNABORTED`, `ERR_BAD_RESPONSE`. */
  code?: string;
  message: string;
  /** The failure is transient: the same request may succeed later (method rules aside). */
  retryable: boolean;
  /** The server may have applied the request: no response, a timeout, a 5xx, or "still in progress". */
  ambiguous: boolean;
  /** How long the attempt took, in milliseconds. */
  durationMs: number;
}

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ECONNABORTED', 'ETIMEDOUT']);
// axios rejects these before anything is sent; axios-retry's isNetworkError would retry them.
const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ERR_BAD_OPTION',
  'ERR_BAD_OPTION_VALUE',
  'ERR_INVALID_URL',
  'ERR_NOT_SUPPORT',
  'ERR_FORM_DATA_DEPTH_EXCEEDED',
]);
const IN_PROGRESS_TYPE_SUFFIX = 'idempotency-request-in-progress';

/**
 * Classifies the error of one attempt. Builds on axios-retry's `isNetworkError` (no response,
 * not a TLS verification failure) and departs from it where the spec does: timeouts and DNS
 * failures (`ENOTFOUND`) are retryable; axios's own configuration errors are not.
 */
export function classifyFailure(error: unknown, attempt: number, durationMs: number): AttemptFailure {
  const base = { attempt, durationMs, message: error instanceof Error ? error.message : String(error) };
  if (!isAxiosError(error)) return { ...base, kind: 'other', reason: 'other', retryable: false, ambiguous: false };
  const code = error.code;
  if (isCancel(error) || code === 'ERR_CANCELED') {
    return { ...base, code, kind: 'canceled', reason: 'canceled', retryable: false, ambiguous: true };
  }
  if (error.response) {
    const status = error.response.status;
    const inProgress = status === 409 && isInProgressProblem(error.response.data);
    const reason = inProgress ? 'http:409-in-progress' : `http:${status}`;
    const retryable = RETRYABLE_STATUSES.has(status) || inProgress;
    return { ...base, code, status, kind: 'status', reason, retryable, ambiguous: status >= 500 || inProgress };
  }
  if (code && TIMEOUT_CODES.has(code)) {
    return { ...base, code, kind: 'timeout', reason: 'timeout', retryable: true, ambiguous: true };
  }
  if (code && NEVER_SENT_CODES.has(code)) {
    return { ...base, code, kind: 'other', reason: `other:${code}`, retryable: false, ambiguous: false };
  }
  const retryable = code === 'ENOTFOUND' || isNetworkError(error);
  return { ...base, code, kind: 'network', reason: `network:${code ?? 'unknown'}`, retryable, ambiguous: true };
}

/**
 * A 409 that says another attempt with this key is still running: an RFC 9457 problem whose `type`
 * ends in `idempotency-request-in-progress` (http-contract.md), or Stripe's error object of type
 * `idempotency_error`, which Stripe answers with 409 only for a key whose request is in flight (a
 * key reused with other parameters is a 400).
 */
function isInProgressProblem(data: unknown): boolean {
  const body = typeof data === 'string' ? parseJson(data) : data;
  if (typeof body !== 'object' || body === null) return false;
  if ('type' in body) return typeof body.type === 'string' && body.type.endsWith(IN_PROGRESS_TYPE_SUFFIX);
  const stripeError = 'error' in body ? body.error : undefined;
  return typeof stripeError === 'object' && stripeError !== null && 'type' in stripeError && stripeError.type === 'idempotency_error';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
