import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { describeServedRequest, isInstrumented, pathOf, type ServedRequest, type ServedResponse } from './served-request';
import { SPAN_ATTRIBUTES as A } from './span-attributes';
import { TRACER_NAME } from './tracer-name';

/**
 * Connect/Express middleware that makes a server span of every request, a child of the caller's
 * W3C `traceparent` when it sent one, active while the request is handled. It records the
 * method, the route, the status and what the idempotency layer decided (`idempotency.outcome`:
 * executed, replayed, resumed, in_progress, reused…). It never records a header or the query: they
 * carry tokens and keys. Use it first, before any other middleware.
 *
 * In a process where {@link startTracing} registered the http instrumentation, that
 * instrumentation's server span is already active: the middleware adds nothing then, and the same
 * attributes go on that span when the response ends (one server span per request, not two).
 */
export function tracedRequests(): (req: ServedRequest, res: ServedResponse, next: () => void) => void {
  const tracer = trace.getTracer(TRACER_NAME);
  return (req, res, next) => {
    if (isInstrumented(req)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const method = req.method ?? 'GET';
    const path = pathOf(req);
    const span = tracer.startSpan(`${method} ${path}`, { kind: SpanKind.SERVER, attributes: { [A.httpMethod]: method, [A.urlPath]: path } }, parent);
    res.once('close', () => {
      describeServedRequest(span, req, res);
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
