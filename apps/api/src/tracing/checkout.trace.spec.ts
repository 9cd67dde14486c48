import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SpanKind, trace } from '@opentelemetry/api';
import { createRetryingClient, type RetryAttemptHooks } from '@safe-checkout/retrying-client';
import { attemptSpans, withAttemptSpans } from '@safe-checkout/tracing';
import { recordSpansInMemory, startOtlpSink, type ExportedSpan, type InMemorySpans, type OtlpSink, type ReadableSpan } from '@safe-checkout/tracing/testing';
import { ChargeAnswerProxy, startChargeAnswerProxy } from '../testing/charge-answer-proxy';
import { eventually } from '../testing/eventually';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { LostAnswerProxy, startLostAnswerProxy } from '../testing/lost-answer-proxy';
import { PaymentSandboxProcess, startPaymentSandbox, TEST_SANDBOX_SECRET_KEY } from '../testing/payment-sandbox-process';
import { createTestProduct, createTestUser, orderBody, startTestApi, TEST_CARDS, TestApi } from '../testing/test-api';

const CHARGE = 'POST /v1/payment_intents';

/** Everything one checkout left behind: the spans of this process (client, API) and the provider's. */
interface CheckoutTrace {
  traceId: string;
  local: ReadableSpan[];
  provider: ExportedSpan[];
  secrets: string[];
}

// One checkout, followed from a retrying client through the API to the payment sandbox (a process
// of its own that exports OTLP to a sink here): the spans of the story in the tracing issue.
describe('the trace of a checkout: one trace id from the client to the provider, every retry in it', () => {
  let spans: InMemorySpans;
  let sink: OtlpSink;
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let chargeAnswers: ChargeAnswerProxy;
  let api: TestApi;
  let lossy: LostAnswerProxy;
  beforeAll(async () => {
    spans = recordSpansInMemory();
    sink = await startOtlpSink();
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url, undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_BSP_SCHEDULE_DELAY: '20' });
    chargeAnswers = await startChargeAnswerProxy(sandbox.url);
    api = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: chargeAnswers.url });
    lossy = await startLostAnswerProxy(`http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`);
  }, 60_000);
  afterAll(async () => {
    await lossy?.close();
    await api?.close();
    await chargeAnswers?.close();
    await sandbox?.stop();
    await database?.dispose();
    await sink?.close();
    await spans?.stop();
  });

  /** A checkout by a retrying client, inside a root span of the test's own, until the provider's spans arrived. */
  async function tracedCheckout(hooks: (spanHooks: RetryAttemptHooks) => RetryAttemptHooks = (h) => h): Promise<CheckoutTrace> {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 20, 1250);
    const key = randomUUID();
    // Retry-After hints are clamped to maxDelayMs: the retries follow at once.
    const client = createRetryingClient({ axios: { baseURL: lossy.url, headers: { Authorization: `Bearer ${user.token}` } }, maxDelayMs: 50, baseDelayMs: 10 });
    const traceId = await trace.getTracer('test').startActiveSpan('checkout', async (root) => {
      await client.post('/orders', orderBody([{ productId: product.id, quantity: 3 }]), { idempotencyKey: key, hooks: hooks(attemptSpans()) });
      root.end();
      return root.spanContext().traceId;
    });
    const charges = () => sink.spans().filter((span) => span.traceId === traceId && span.name === CHARGE);
    await eventually(async () => charges().some((span) => span.attributes['idempotency.outcome'] === 'executed'), "the provider's charge span");
    return {
      traceId,
      local: spans.finished().filter((span) => span.spanContext().traceId === traceId),
      provider: sink.spans().filter((span) => span.traceId === traceId),
      secrets: [key, user.token, TEST_SANDBOX_SECRET_KEY, TEST_CARDS.visa],
    };
  }

  const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);
  const serverSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.SERVER && span.name === 'POST /orders');

  it('a checkout whose first answer was lost: two attempts, the second replayed, one charge', async () => {
    lossy.loseNextAnswer();
    const { local, provider } = await tracedCheckout();
    // docs/tracing.md's picture is drawn from these spans (tools/docs/render-trace-svg.mjs).
    if (process.env.TRACE_SNAPSHOT_FILE) writeTraceSnapshot(process.env.TRACE_SNAPSHOT_FILE, local, provider);

    const [first, second] = [named(local, 'POST /orders #1'), named(local, 'POST /orders #2')].map(([span]) => span);
    expect(first.attributes).toMatchObject({ 'retry.verdict': 'ambiguous', 'retry.failure_reason': 'network:ECONNRESET' });
    expect(second.attributes).toMatchObject({ 'retry.verdict': 'succeeded', 'http.response.status_code': 201 });
    expect(named(local, 'wait before #2')).toHaveLength(1);
    const answers = serverSpans(local);
    expect(answers.map((span) => [span.parentSpanContext?.spanId, span.attributes['idempotency.outcome']])).toEqual([
      [first.spanContext().spanId, 'executed'],
      [second.spanContext().spanId, 'replayed'],
    ]);
    const chargeCall = named(local, 'phase: charge the order at the payment provider (call)');
    expect(chargeCall).toHaveLength(1);
    const providerAttempts = named(local, `${CHARGE} #1`);
    expect(providerAttempts).toHaveLength(1);
    expect(provider.filter((span) => span.name === CHARGE)).toEqual([
      expect.objectContaining({
        parentSpanId: providerAttempts[0].spanContext().spanId,
        attributes: expect.objectContaining({ 'idempotency.outcome': 'executed' }),
      }),
    ]);
  }, 30_000);

  it("a checkout resumed by its retry: the first attempt's charge answers were lost, the second resumes at the charge", async () => {
    chargeAnswers.setFate('lost');
    const { local, provider } = await tracedCheckout((spanHooks) =>
      withAttemptSpans({
        ...spanHooks,
        onAttemptSettled: (event) => (spanHooks.onAttemptSettled?.(event), event.attempt === 1 && chargeAnswers.setFate('delivered')),
      }),
    );

    const [first, second] = serverSpans(local);
    expect(first.attributes['http.response.status_code']).toBe(503);
    expect(second.attributes).toMatchObject({ 'http.response.status_code': 201, 'idempotency.outcome': 'resumed' });
    const phasesUnder = (server: ReadableSpan) =>
      local.filter((span) => span.name.startsWith('phase: ') && span.parentSpanContext?.spanId === server.spanContext().spanId);
    expect(phasesUnder(first).map((span) => [span.name, span.attributes['idempotency.recovery_point']])).toEqual([
      ['phase: create the order, awaiting payment', 'order_created'],
      ['phase: charge the order at the payment provider (call)', undefined],
    ]);
    expect(phasesUnder(second).map((span) => [span.name, span.attributes['idempotency.phase.from']])).toEqual([
      ['phase: charge the order at the payment provider (call)', 'order_created'],
      ['phase: charge the order at the payment provider (record)', 'order_created'],
    ]);
    const outcomes = provider.filter((span) => span.name === CHARGE).map((span) => span.attributes['idempotency.outcome']);
    expect(outcomes.filter((outcome) => outcome === 'executed')).toHaveLength(1);
    expect(outcomes.slice(1).every((outcome) => outcome === 'replayed')).toBe(true);
  }, 30_000);

  it('records no idempotency key, token, secret key or card in any span, here or at the provider', async () => {
    lossy.loseNextAnswer();
    const { local, provider, secrets } = await tracedCheckout();
    const recorded = JSON.stringify([
      ...local.map((span) => [span.name, span.attributes, span.events]),
      ...provider.map((span) => [span.name, span.attributes]),
    ]);
    for (const secret of secrets) expect(recorded).not.toContain(secret);
  }, 30_000);
});

/** The trace as the picture needs it: every span with its service, parent, times from the trace's start, and attributes. */
function writeTraceSnapshot(file: string, local: ReadableSpan[], provider: ExportedSpan[]): void {
  const spans = [
    ...local.map((span) => ({
      service: 'safe-checkout-api (and the test client)',
      spanId: span.spanContext().spanId,
      parentSpanId: span.parentSpanContext?.spanId,
      name: span.name,
      startMs: hrTimeMs(span.startTime),
      endMs: hrTimeMs(span.endTime),
      attributes: span.attributes,
    })),
    ...provider.map(({ service, spanId, parentSpanId, name, startMs, endMs, attributes }) => ({
      service,
      spanId,
      parentSpanId,
      name,
      startMs,
      endMs,
      attributes,
    })),
  ];
  const originMs = Math.min(...spans.map((span) => span.startMs));
  const relative = spans.map((span) => ({ ...span, startMs: round(span.startMs - originMs), endMs: round(span.endMs - originMs) }));
  writeFileSync(
    file,
    JSON.stringify(
      relative.sort((a, b) => a.startMs - b.startMs),
      null,
      2,
    ) + '\n',
  );
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function hrTimeMs([seconds, nanos]: [number, number]): number {
  return seconds * 1000 + nanos / 1e6;
}
