import type { InternalAxiosRequestConfig } from 'axios';
import {
  IDEMPOTENCY_ATTEMPT_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  fromIdempotencyKeyHeader,
  mintIdempotencyKey,
  toIdempotencyKeyHeader,
} from './idempotency-key-header';
import { hooksOf, type AttemptStartEvent } from './retry-hooks';
import { RetryOperation } from './retry-operation';
import type { ResolvedOptions } from './retrying-client.options';

const MINTED_FOR_METHODS: ReadonlySet<string> = new Set(['post', 'patch']);

/**
 * The request interceptor that prepares every attempt. axios-retry re-dispatches a retry
 * through the instance, so this runs again on each attempt: it starts the operation (and
 * settles its key) only on the first, and only numbers and times the others.
 */
export function createAttemptInterceptor(options: ResolvedOptions) {
  return (config: InternalAxiosRequestConfig): InternalAxiosRequestConfig => {
    const operation = RetryOperation.of(config) ?? startOperation(config, options);
    operation.attempt += 1;
    operation.attemptStartedAt = Date.now();
    config.headers.set(IDEMPOTENCY_ATTEMPT_HEADER, String(operation.attempt));
    config.timeout = attemptTimeoutMs(operation, operation.attemptStartedAt);
    preferWaiting(config, operation, options.preferWaitSeconds);
    const event: AttemptStartEvent = {
      attempt: operation.attempt,
      method: (config.method ?? 'get').toUpperCase(),
      url: config.url ?? '',
      idempotencyKey: operation.idempotencyKey,
      setHeader: (name, value) => setObserverHeader(config, name, value),
    };
    for (const hooks of hooksOf(options, config)) hooks.onAttempt?.(event);
    return config;
  };
}

const PROTOCOL_HEADERS: ReadonlySet<string> = new Set([IDEMPOTENCY_KEY_HEADER.toLowerCase(), IDEMPOTENCY_ATTEMPT_HEADER.toLowerCase()]);

function setObserverHeader(config: InternalAxiosRequestConfig, name: string, value: string): void {
  if (PROTOCOL_HEADERS.has(name.toLowerCase())) throw new Error(`${name} is the retrying client's to set, not an observer's`);
  config.headers.set(name, value);
}

function startOperation(config: InternalAxiosRequestConfig, options: ResolvedOptions): RetryOperation {
  const key = settleIdempotencyKey(config, options.mintIdempotencyKeys);
  const deadlineMs = config.deadlineMs ?? options.deadlineMs;
  const operation = new RetryOperation(key, Date.now(), deadlineMs, config.timeout ?? 0, options.baseDelayMs);
  operation.attachTo(config);
  return operation;
}

// Set only when absent: a header the caller (or an earlier attempt) set always wins, which is
// what keeps the key identical on every attempt.
function settleIdempotencyKey(config: InternalAxiosRequestConfig, mint: boolean): string | undefined {
  const existing = config.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (typeof existing === 'string' && existing.trim() !== '') return fromIdempotencyKeyHeader(existing);
  const method = (config.method ?? 'get').toLowerCase();
  const key = config.idempotencyKey ?? (mint && MINTED_FOR_METHODS.has(method) ? mintIdempotencyKey() : undefined);
  if (key !== undefined) config.headers.set(IDEMPOTENCY_KEY_HEADER, toIdempotencyKeyHeader(key));
  return key;
}

// A keyed request may wait at the server for a running duplicate's answer (RFC 7240), but never
// as long as its own timeout: the server answers 409 before the client would give up on it.
function preferWaiting(config: InternalAxiosRequestConfig, operation: RetryOperation, preferWaitSeconds: number): void {
  if (operation.idempotencyKey === undefined || preferWaitSeconds <= 0) return;
  if ((operation.preferSetByCaller ??= config.headers.has('Prefer'))) return;
  const timeoutMs = config.timeout ?? 0;
  const seconds = timeoutMs > 0 ? Math.min(preferWaitSeconds, Math.floor(timeoutMs / 1000) - 1) : preferWaitSeconds;
  if (seconds > 0) config.headers.set('Prefer', `wait=${seconds}`);
  else config.headers.delete('Prefer');
}

// Under a deadline, no attempt may outlive it: its timeout is clamped to the time left.
function attemptTimeoutMs(operation: RetryOperation, nowMs: number): number {
  if (operation.deadlineMs === undefined) return operation.attemptTimeoutMs;
  const leftMs = Math.max(1, operation.deadlineMs - operation.elapsedMs(nowMs));
  return operation.attemptTimeoutMs > 0 ? Math.min(operation.attemptTimeoutMs, leftMs) : leftMs;
}
