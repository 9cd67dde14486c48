import { context, propagation } from '@opentelemetry/api';

/**
 * The active span's W3C `traceparent`, to keep with work that another process or a later pass
 * will pick up (an idempotency key, a webhook event); `undefined` when tracing is off (no
 * propagator registered) or no span is active.
 */
export function activeTraceParent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}
