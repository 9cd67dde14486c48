import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { SPAN_ATTRIBUTES as A } from './span-attributes';

/** The response header the idempotency layer names its decision in (libs/idempotency-nest). */
const IDEMPOTENCY_OUTCOME_HEADER = 'idempotency-outcome';

export type ServedRequest = IncomingMessage & { route?: { path?: string } };
// Express keeps what the idempotency interceptor decided, answered or refused, in `res.locals`.
export type ServedResponse = ServerResponse & { locals?: { idempotencyOutcome?: string } };

// The requests whose server span the http instrumentation started: tracedRequests then adds its
// attributes to that span instead of starting a second server span for the same request.
const instrumentedRequests = new WeakSet<IncomingMessage>();

/** Marks `request` as served inside the http instrumentation's server span. */
export function markInstrumented(request: IncomingMessage): void {
  instrumentedRequests.add(request);
}

/** Whether the http instrumentation already made a server span of `request`. */
export function isInstrumented(request: IncomingMessage): boolean {
  return instrumentedRequests.has(request);
}

/**
 * Names a server span after the route that served the request (`POST /orders`, never a path with
 * its ids) and records the route, the status and the idempotency layer's decision. It reads no
 * header but the outcome, and never the query: they carry tokens and keys.
 */
export function describeServedRequest(span: Span, request: ServedRequest, response: ServedResponse): void {
  const method = request.method ?? 'GET';
  const route = request.route?.path;
  span.updateName(`${method} ${route ?? pathOf(request)}`);
  if (route) span.setAttribute(A.httpRoute, route);
  span.setAttribute(A.httpStatus, response.statusCode);
  const outcome = response.locals?.idempotencyOutcome ?? response.getHeader(IDEMPOTENCY_OUTCOME_HEADER);
  if (typeof outcome === 'string') span.setAttribute(A.outcome, outcome);
  if (response.statusCode >= 500 || !response.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
}

/** The request's path without its query. */
export function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0];
}
