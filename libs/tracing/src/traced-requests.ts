import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { SPAN_ATTRIBUTES as A } from './span-attributes';
import { TRACER_NAME } from './tracer-name';

/** The response header the idempotency layer names its decision in (libs/idempotency-nest). */
const IDEMPOTENCY_OUTCOME_HEADER = 'idempotency-outcome';

type Request = IncomingMessage & { route?: { path?: string } };
// Express keeps what the idempotency interceptor decided, answered or refused, in `res.locals`.
type Response = ServerResponse & { locals?: { idempotencyOutcome?: string } };

/**
 * Connect/Express middleware that makes a server span of every request, a child of the caller's
 * W3C `traceparent` when it sent one, active while the request is handled. It records the
 * method, the route, the status and what the idempotency layer decided (`idempotency.outcome`:
 * executed, replayed, resumed, in_progress, reused…). It never records a header or the query: they
 * carry tokens and keys. Use it first, before any other middleware.
 */
export function tracedRequests(): (req: Request, res: Response, next: () => void) => void {
  const tracer = trace.getTracer(TRACER_NAME);
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    const span = tracer.startSpan(`${method} ${path}`, { kind: SpanKind.SERVER, attributes: { [A.httpMethod]: method, [A.urlPath]: path } }, parent);
    res.once('close', () => {
      const route = req.route?.path;
      if (route) span.updateName(`${method} ${route}`).setAttribute(A.httpRoute, route);
      span.setAttribute(A.httpStatus, res.statusCode);
      const outcome = res.locals?.idempotencyOutcome ?? res.getHeader(IDEMPOTENCY_OUTCOME_HEADER);
      if (typeof outcome === 'string') span.setAttribute(A.outcome, outcome);
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
