import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { createRetryingClient } from '@safe-checkout/retrying-client';
import { attemptSpans, withAttemptSpans } from './attempt-spans';
import { idempotencyKeyHash } from './idempotency-key-hash';
import { recordSpansInMemory, type InMemorySpans } from './testing';

const KEY = 'order-7f3a-2026-12-07';

/** A loopback server that answers the given statuses in turn and keeps the headers it received. */
async function scriptedServer(statuses: number[]): Promise<{ url: string; received: IncomingHttpHeaders[]; server: Server }> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    const status = statuses[received.length - 1] ?? 200;
    res.writeHead(status, status === 503 ? { 'retry-after': '0' } : {}).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('attemptSpans()', () => {
  let spans: InMemorySpans;
  beforeEach(() => (spans = recordSpansInMemory()));
  afterEach(() => spans.stop());

  it('makes a span per attempt and per wait under the active span, and sends each attempt its own traceparent', async () => {
    const { url, received, server } = await scriptedServer([503, 201]);
    const client = createRetryingClient({ axios: { baseURL: url }, baseDelayMs: 0, maxDelayMs: 0 });
    await trace.getTracer('test').startActiveSpan('checkout', async (root) => {
      await client.post('/orders', {}, { idempotencyKey: KEY, hooks: attemptSpans() });
      root.end();
    });
    server.close();

    const [first, wait, second, root] = spans.finished();
    expect([first, wait, second, root].map((span) => span.name)).toEqual(['POST /orders #1', 'wait before #2', 'POST /orders #2', 'checkout']);
    for (const span of [first, wait, second]) {
      expect(span.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(span.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    }
    expect(first.attributes).toMatchObject({
      'retry.attempt': 1,
      'retry.verdict': 'ambiguous',
      'http.response.status_code': 503,
      'retry.failure_reason': 'http:503',
    });
    expect(wait.attributes).toMatchObject({ 'retry.attempt': 2, 'retry.wait_basis': 'backoff', 'retry.retry_after_ms': 0 });
    expect(second.attributes).toMatchObject({
      'retry.attempt': 2,
      'http.request.resend_count': 1,
      'retry.verdict': 'succeeded',
      'idempotency.key_hash': idempotencyKeyHash(KEY),
    });
    expect(received.map((headers) => headers.traceparent)).toEqual([
      `00-${root.spanContext().traceId}-${first.spanContext().spanId}-01`,
      `00-${root.spanContext().traceId}-${second.spanContext().spanId}-01`,
    ]);
  });

  it('never records the idempotency key itself, only its hash', async () => {
    const { url, server } = await scriptedServer([201]);
    await createRetryingClient({ axios: { baseURL: url } }).post('/orders', {}, { idempotencyKey: KEY, hooks: attemptSpans() });
    server.close();
    expect(JSON.stringify(spans.finished().map((span) => span.attributes))).not.toContain(KEY);
  });
});

describe('withAttemptSpans(hooks)', () => {
  it('calls the given hooks as well', async () => {
    const { url, server } = await scriptedServer([503, 201]);
    const seen: string[] = [];
    const hooks = withAttemptSpans({ onAttempt: (e) => seen.push(`sent ${e.attempt}`), onRetry: (e) => seen.push(`retry ${e.attempt}`) });
    await createRetryingClient({ axios: { baseURL: url }, baseDelayMs: 0, maxDelayMs: 0 }).post('/orders', {}, { idempotencyKey: KEY, hooks });
    server.close();
    expect(seen).toEqual(['sent 1', 'retry 2', 'sent 2']);
  });

  it('sends no traceparent when tracing is off', async () => {
    const { url, received, server } = await scriptedServer([201]);
    await createRetryingClient({ axios: { baseURL: url } }).post('/orders', {}, { idempotencyKey: KEY, hooks: attemptSpans() });
    server.close();
    expect(received[0].traceparent).toBeUndefined();
  });
});
