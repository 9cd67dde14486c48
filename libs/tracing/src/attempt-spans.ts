import { context, propagation, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { AttemptSettledEvent, AttemptStartEvent, RetryAttemptHooks, RetryEvent } from '@safe-checkout/retrying-client';
import { idempotencyKeyHash } from './idempotency-key-hash';
import { SPAN_ATTRIBUTES as A } from './span-attributes';
import { TRACER_NAME } from './tracer-name';

/**
 * The spans of one operation of the retrying client: a span per attempt (its number, the verdict
 * `succeeded`/`definite`/`ambiguous`, the status, the key's hash) and a span per wait between two
 * attempts (how long, and whether the backoff or the server's `Retry-After` chose it). Each attempt
 * carries its own span's W3C `traceparent`, so the server's spans hang under the attempt they
 * answer. Every span is a child of the context the operation started in.
 *
 * One object per operation (it holds the operation's spans): pass it per request.
 *
 * @example
 * await client.post('/orders', body, { idempotencyKey, hooks: attemptSpans() });
 */
export function attemptSpans(): RetryAttemptHooks {
  const tracer = trace.getTracer(TRACER_NAME);
  let parent: Context | undefined;
  let attempt: Span | undefined;
  let wait: Span | undefined;
  return {
    onAttempt(event: AttemptStartEvent) {
      parent ??= context.active();
      wait?.end();
      attempt = tracer.startSpan(`${event.method} ${event.url} #${event.attempt}`, { attributes: attemptAttributes(event) }, parent);
      const carrier: Record<string, string> = {};
      propagation.inject(trace.setSpan(parent, attempt), carrier);
      for (const [name, value] of Object.entries(carrier)) event.setHeader(name, value);
    },
    onAttemptSettled(event: AttemptSettledEvent) {
      attempt?.setAttributes(settledAttributes(event));
      if (event.verdict !== 'succeeded') attempt?.setStatus({ code: SpanStatusCode.ERROR, message: event.failure?.reason });
      attempt?.end();
    },
    onRetry(event: RetryEvent) {
      wait = tracer.startSpan(`wait before #${event.attempt}`, { attributes: waitAttributes(event) }, parent);
    },
  };
}

/** `hooks` and the operation's spans together, for a request that has hooks of its own. */
export function withAttemptSpans(hooks: RetryAttemptHooks): RetryAttemptHooks {
  const spans = attemptSpans();
  return {
    onAttempt: (event) => (spans.onAttempt?.(event), hooks.onAttempt?.(event)),
    onAttemptSettled: (event) => (spans.onAttemptSettled?.(event), hooks.onAttemptSettled?.(event)),
    onRetry: (event) => (spans.onRetry?.(event), hooks.onRetry?.(event)),
    onGiveUp: (error) => hooks.onGiveUp?.(error),
  };
}

function attemptAttributes(event: AttemptStartEvent) {
  return {
    [A.httpMethod]: event.method,
    [A.urlPath]: event.url,
    [A.attempt]: event.attempt,
    [A.resendCount]: event.attempt - 1,
    ...(event.idempotencyKey === undefined ? {} : { [A.keyHash]: idempotencyKeyHash(event.idempotencyKey) }),
  };
}

function settledAttributes(event: AttemptSettledEvent) {
  return {
    [A.verdict]: event.verdict,
    ...(event.status === undefined ? {} : { [A.httpStatus]: event.status }),
    ...(event.failure ? { [A.failureReason]: event.failure.reason, [A.errorType]: event.failure.kind } : {}),
  };
}

function waitAttributes(event: RetryEvent) {
  return {
    [A.attempt]: event.attempt,
    [A.waitMs]: event.delayMs,
    [A.waitBasis]: event.basis,
    [A.backoffCapMs]: event.capMs,
    ...(event.retryAfterMs === undefined ? {} : { [A.retryAfterMs]: event.retryAfterMs }),
    [A.failureReason]: event.reason,
  };
}
