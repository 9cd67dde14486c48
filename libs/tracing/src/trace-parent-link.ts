import { propagation, ROOT_CONTEXT, trace, type Link } from '@opentelemetry/api';

/**
 * A span link to the span a stored W3C `traceparent` names; none when there is none, it does not
 * parse, or tracing is off.
 */
export function traceParentLinks(traceParent: string | null | undefined): Link[] {
  if (!traceParent) return [];
  const stored = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent: traceParent }));
  return stored && trace.isSpanContextValid(stored) ? [{ context: stored }] : [];
}
