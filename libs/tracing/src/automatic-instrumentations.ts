import { IncomingMessage, ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { describeServedRequest, markInstrumented } from './served-request';

const TRACE_PARENT = 'traceparent';

/**
 * The OpenTelemetry instrumentations {@link startTracing} registers: a server span of every
 * request (http, carrying our route and idempotency attributes), a client span of every outgoing
 * request our own spans do not already describe (http for axios, undici for `fetch`), NestJS'
 * spans of the controller and its handler, and Prisma's spans of each call and query.
 *
 * None of them records a header (their default). A client span records the full URL: the API and
 * the sandbox put no token or key in a query string. Prisma records SQL with placeholders only.
 */
export function automaticInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      requestHook: (_span, request) => {
        if (request instanceof IncomingMessage) markInstrumented(request);
      },
      applyCustomAttributesOnSpan: (span, request, response) => {
        if (request instanceof IncomingMessage && response instanceof ServerResponse) describeServedRequest(span, request, response);
      },
      ignoreOutgoingRequestHook: (options) => carriesTraceParent(options.headers),
    }),
    new UndiciInstrumentation({ ignoreRequestHook: (request) => carriesTraceParent(request.headers) }),
    new NestInstrumentation(),
    new PrismaInstrumentation(),
  ];
}

// A request that already sends a traceparent is one of our own attempt spans (the retrying client's
// attemptSpans, a webhook delivery attempt): that span is its client span. Another span would make
// the receiver's parent a span the story does not name, and undici would send a second traceparent
// header beside the first, which the receiver cannot parse.
function carriesTraceParent(headers: OutgoingHttpHeaders | string | readonly (string | string[])[] | undefined): boolean {
  if (headers === undefined) return false;
  if (typeof headers === 'string') return headers.toLowerCase().includes(`${TRACE_PARENT}:`);
  if (Array.isArray(headers)) return headers.some((name, i) => i % 2 === 0 && typeof name === 'string' && name.toLowerCase() === TRACE_PARENT);
  return Object.keys(headers).some((name) => name.toLowerCase() === TRACE_PARENT);
}
