import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { TRACER_NAME } from './tracer-name';

/** What a span learns from the result of its work: more attributes, and whether it failed (with why). */
export interface SpanOutcome {
  attributes?: Attributes;
  failure?: string;
}

/**
 * Runs `work` in a client span that continues a trace stored earlier (a W3C `traceparent` kept
 * with an outbox row): the span is a child of the stored span, and `work` gets the headers that
 * carry the span's own `traceparent` for the request it sends, so the receiver's span joins the
 * same trace. Without a stored context the span starts a trace of its own; with tracing off the
 * headers are empty. `outcomeOf` reads the result into the span; a rejection marks it failed.
 *
 * @example
 * await inStoredTrace(event.traceParent, 'webhook delivery #1', {}, (headers) => post(url, body, headers));
 */
export async function inStoredTrace<T>(
  traceParent: string | null | undefined,
  name: string,
  attributes: Attributes,
  work: (traceHeaders: Record<string, string>) => Promise<T>,
  outcomeOf: (result: T) => SpanOutcome = () => ({}),
): Promise<T> {
  const stored = traceParent ? propagation.extract(ROOT_CONTEXT, { traceparent: traceParent }) : ROOT_CONTEXT;
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind: SpanKind.CLIENT, attributes }, stored);
  const active = trace.setSpan(stored, span);
  const traceHeaders: Record<string, string> = {};
  propagation.inject(active, traceHeaders);
  try {
    const result = await context.with(active, () => work(traceHeaders));
    const outcome = outcomeOf(result);
    if (outcome.attributes) span.setAttributes(outcome.attributes);
    if (outcome.failure !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.failure });
    return result;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}
