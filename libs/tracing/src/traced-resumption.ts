import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ClaimedKeyEnd, StalledClaim } from '@safe-checkout/idempotency';
import { idempotencyKeyHash } from './idempotency-key-hash';
import { SPAN_ATTRIBUTES as A } from './span-attributes';
import { traceParentLinks } from './trace-parent-link';
import { TRACER_NAME } from './tracer-name';

/**
 * The recovery worker's `aroundResume`: each stalled key it resumes is a trace of its own (a root
 * span, `recovery: resume <operation>`), linked to the trace of the request that claimed the key
 * (`claim.traceParent`). A new trace rather than a child: the pass runs minutes after that
 * request ended, in another process maybe, and one pass may finish keys of many requests. The
 * phases it runs, and the calls they make, are children of the root span.
 *
 * @param operation - what the worker finishes, for the span's name (e.g. `checkout`)
 */
export function tracedResumption(operation: string): (claim: StalledClaim, drive: () => Promise<ClaimedKeyEnd>) => Promise<ClaimedKeyEnd> {
  return async (claim, drive) => {
    const span = trace.getTracer(TRACER_NAME).startSpan(
      `recovery: resume ${operation}`,
      {
        root: true,
        kind: SpanKind.INTERNAL,
        links: traceParentLinks(claim.traceParent),
        attributes: { [A.outcome]: 'resumed', [A.phaseFrom]: claim.resume.recoveryPoint, [A.keyHash]: idempotencyKeyHash(claim.lease.key) },
      },
      ROOT_CONTEXT,
    );
    try {
      const ended = await context.with(trace.setSpan(ROOT_CONTEXT, span), drive);
      span.setAttribute(A.resumeEnd, ended.end);
      if (ended.end !== 'completed' && ended.end !== 'final-answer') span.setStatus({ code: SpanStatusCode.ERROR, message: ended.end });
      return ended;
    } finally {
      span.end();
    }
  };
}
