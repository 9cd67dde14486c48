import { inStoredTrace } from './in-stored-trace';
import { recordSpansInMemory, type InMemorySpans } from './testing';

const STORED = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('inStoredTrace(traceParent, name, attributes, work, outcomeOf)', () => {
  let spans: InMemorySpans;
  beforeEach(() => (spans = recordSpansInMemory()));
  afterEach(() => spans.stop());

  it("runs the work in a child of the stored span, and hands it headers with the child's own traceparent", async () => {
    const sent = await inStoredTrace(STORED, 'webhook delivery #1', { 'retry.attempt': 1 }, async (headers) => headers);

    const [delivery] = spans.finished();
    expect(delivery.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(delivery.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(sent.traceparent).toBe(`00-0af7651916cd43dd8448eb211c80319c-${delivery.spanContext().spanId}-01`);
  });

  it('starts a trace of its own without a stored context, and records what `outcomeOf` reads from the result', async () => {
    await inStoredTrace(
      null,
      'webhook delivery #2',
      {},
      async () => 503,
      (status) => ({ attributes: { 'http.response.status_code': status }, failure: `HTTP ${status}` }),
    );

    const [delivery] = spans.finished();
    expect(delivery.parentSpanContext).toBeUndefined();
    expect(delivery.attributes).toEqual({ 'http.response.status_code': 503 });
    expect(delivery.status).toMatchObject({ code: 2, message: 'HTTP 503' });
  });
});
