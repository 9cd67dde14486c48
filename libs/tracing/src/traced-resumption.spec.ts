import { trace } from '@opentelemetry/api';
import type { ClaimedKeyEnd, StalledClaim } from '@safe-checkout/idempotency';
import { activeTraceParent } from './active-trace-parent';
import { recordSpansInMemory, type InMemorySpans } from './testing';
import { tracedResumption } from './traced-resumption';

const COMPLETED: ClaimedKeyEnd = { end: 'completed', response: { status: 201, headers: {}, body: '{}' } };

function stalledClaim(traceParent?: string): StalledClaim {
  return {
    lease: { scope: 'user-1', key: 'order-7f3a-2026-12-07', leaseToken: 'token', leaseExpiresAt: new Date() },
    resume: { recoveryPoint: 'order_created', recoveryState: { orderId: 'o-1' } },
    ...(traceParent === undefined ? {} : { traceParent }),
  };
}

describe('tracedResumption(operation)', () => {
  let spans: InMemorySpans;
  beforeEach(() => (spans = recordSpansInMemory()));
  afterEach(() => spans.stop());

  it("drives the key in a new trace whose root span links to the claiming request's span, the phases under it", async () => {
    const traceParent = trace.getTracer('test').startActiveSpan('POST /orders', (span) => (span.end(), activeTraceParent()));

    await tracedResumption('checkout')(stalledClaim(traceParent), async () => {
      trace.getTracer('test').startSpan('phase: charge').end();
      return COMPLETED;
    });

    const [requestSpan, phase, pass] = spans.finished();
    expect(pass.name).toBe('recovery: resume checkout');
    expect(pass.parentSpanContext).toBeUndefined();
    expect(pass.spanContext().traceId).not.toBe(requestSpan.spanContext().traceId);
    expect(pass.links.map((link) => link.context.traceId)).toEqual([traceParent?.split('-')[1]]);
    expect(pass.attributes).toMatchObject({
      'idempotency.outcome': 'resumed',
      'idempotency.phase.from': 'order_created',
      'idempotency.resume.end': 'completed',
    });
    expect(phase.parentSpanContext?.spanId).toBe(pass.spanContext().spanId);
  });

  it('links to nothing when the key carried no trace context, and marks a pass that gave the key back as failed', async () => {
    await tracedResumption('checkout')(stalledClaim(), async () => ({ end: 'released', error: new Error('provider down') }));
    const [pass] = spans.finished();
    expect(pass.links).toEqual([]);
    expect(pass.status).toMatchObject({ code: 2, message: 'released' });
  });
});

describe('activeTraceParent()', () => {
  it('is undefined when tracing is off', () => {
    expect(trace.getTracer('test').startActiveSpan('off', (span) => (span.end(), activeTraceParent()))).toBeUndefined();
  });
});
