import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { recordSpansInMemory, startOtlpSink, type ExportedSpan, type InMemorySpans, type OtlpSink, type ReadableSpan } from '@safe-checkout/tracing/testing';
import Stripe from 'stripe';
import { CheckoutRecoveryWorker } from '../orders/checkout-recovery.worker';
import { ChargeAnswerProxy, startChargeAnswerProxy } from '../testing/charge-answer-proxy';
import { eventually } from '../testing/eventually';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { PaymentSandboxProcess, startPaymentSandbox, TEST_SANDBOX_SECRET_KEY } from '../testing/payment-sandbox-process';
import { stopScheduledJobs } from '../testing/scheduled-jobs';
import { createTestProduct, createTestUser, orderBody, startTestApi, TestApi } from '../testing/test-api';
import { startWebhookRelay, WebhookRelay } from '../testing/webhook-relay';

const CHARGE = 'POST /v1/payment_intents';
const CHARGE_CALL = 'phase: charge the order at the payment provider (call)';

// What happens to a checkout after its request was answered, in the traces: the recovery worker
// finishing it (a trace of its own, linked to the request's), and the provider's webhook about its
// charge (in the checkout's trace). A real API here (spans in memory), a real sandbox process
// (exporting OTLP to a sink here) that delivers its events to this API.
describe('the traces of a checkout after its answer: the recovery worker and the webhook', () => {
  let spans: InMemorySpans;
  let sink: OtlpSink;
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let chargeAnswers: ChargeAnswerProxy;
  let relay: WebhookRelay;
  let api: TestApi;
  let apiUrl: string;
  let webhookSecret: string;
  beforeAll(async () => {
    spans = recordSpansInMemory();
    sink = await startOtlpSink();
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url, undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_BSP_SCHEDULE_DELAY: '20' });
    relay = await startWebhookRelay();
    const stripe = new Stripe(TEST_SANDBOX_SECRET_KEY, { host: '127.0.0.1', port: sandbox.port, protocol: 'http' });
    const endpoint = await stripe.webhookEndpoints.create({ url: relay.url, enabled_events: ['payment_intent.succeeded', 'payment_intent.payment_failed'] });
    webhookSecret = endpoint.secret!;
    chargeAnswers = await startChargeAnswerProxy(sandbox.url);
    api = await startTestApi({
      DATABASE_URL: database.url,
      PAYMENT_PROVIDER_URL: chargeAnswers.url,
      PAYMENT_WEBHOOK_SECRET: webhookSecret,
      CHECKOUT_RECOVERY_AFTER_SECONDS: '0',
    });
    stopScheduledJobs(api.app);
    apiUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    relay.forwardTo(apiUrl);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await relay?.close();
    await chargeAnswers?.close();
    await sandbox?.stop();
    await database?.dispose();
    await sink?.close();
    await spans?.stop();
  });

  /** POST /orders inside a root span of the test's own, whose traceparent it sends; resolves to the trace id. */
  async function tracedCheckout(expectedStatus: number): Promise<string> {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 5, 1_100);
    return trace.getTracer('test').startActiveSpan('checkout', async (root) => {
      const traceHeaders: Record<string, string> = {};
      propagation.inject(context.active(), traceHeaders);
      await api
        .http()
        .post('/orders')
        .set(traceHeaders)
        .set('Authorization', `Bearer ${user.token}`)
        .set('Idempotency-Key', `"${randomUUID()}"`)
        .send(orderBody([{ productId: product.id, quantity: 1 }]))
        .expect(expectedStatus);
      root.end();
      return root.spanContext().traceId;
    });
  }

  const inTrace = (traceId: string) => spans.finished().filter((span) => span.spanContext().traceId === traceId);
  const childrenOf = (parent: ReadableSpan) => spans.finished().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
  const ancestorsAtTheProvider = (span: ExportedSpan): ExportedSpan[] => {
    const parent = sink.spans().find((each) => each.spanId === span.parentSpanId);
    return parent ? [parent, ...ancestorsAtTheProvider(parent)] : [];
  };

  it("a checkout whose charge answers were lost, finished by the recovery worker: the worker's pass is a trace of its own, linked to the request's", async () => {
    // The webhook is held back (the relay refuses it, the sandbox retries later): the worker, not the webhook, finishes the order.
    relay.forwardTo(undefined);
    chargeAnswers.setFate('lost');
    const requestTrace = await tracedCheckout(503).finally(() => chargeAnswers.setFate('delivered'));
    await api.app
      .get(CheckoutRecoveryWorker)
      .resumeStalledCheckouts()
      .finally(() => relay.forwardTo(apiUrl));

    const passes = spans
      .finished()
      .filter((span) => span.name === 'recovery: resume checkout' && span.links.some((link) => link.context.traceId === requestTrace));
    expect(passes).toHaveLength(1);
    const [pass] = passes;
    expect(pass.parentSpanContext).toBeUndefined();
    expect(pass.spanContext().traceId).not.toBe(requestTrace);
    expect(pass.attributes).toMatchObject({
      'idempotency.outcome': 'resumed',
      'idempotency.phase.from': 'order_created',
      'idempotency.resume.end': 'completed',
    });
    expect(childrenOf(pass).map((span) => span.name)).toEqual([CHARGE_CALL, 'phase: charge the order at the payment provider (record)']);
    // The worker's charge reached the provider in the worker's trace; the request's trace keeps its own.
    const workerTrace = pass.spanContext().traceId;
    await eventually(
      async () => sink.spans().some((span) => span.traceId === workerTrace && span.name === CHARGE),
      "the provider's span of the worker's charge",
    );
    expect(inTrace(requestTrace).filter((span) => span.name === CHARGE_CALL)).toHaveLength(1);
  }, 60_000);

  it("a checkout's webhook: the sandbox's delivery continues the charge's trace, and the shop's handling of it is a span of the checkout's trace", async () => {
    const checkoutTrace = await tracedCheckout(201);

    const isReceiver = (span: ReadableSpan) => span.kind === SpanKind.SERVER && span.name === 'POST /webhooks/payments';
    await eventually(async () => inTrace(checkoutTrace).some(isReceiver), "the shop's span of the delivery", { timeoutMs: 30_000, intervalMs: 100 });
    const [received] = inTrace(checkoutTrace).filter(isReceiver);
    expect(received.attributes['webhook.event.type']).toBe('payment_intent.succeeded');
    expect(['settled', 'already_settled']).toContain(received.attributes['webhook.outcome']);

    // The chain: the API's charge attempt → the sandbox's charge → its delivery → the shop's receiver.
    await eventually(async () => sink.spans().some((span) => span.spanId === received.parentSpanContext?.spanId), "the sandbox's delivery span");
    const delivery = sink.spans().find((span) => span.spanId === received.parentSpanContext?.spanId)!;
    expect(delivery).toMatchObject({ service: 'payment-sandbox', name: 'webhook delivery #1', traceId: checkoutTrace });
    // Between the delivery and the sandbox's span of the charge request sit NestJS' spans of its handler.
    const charge = ancestorsAtTheProvider(delivery).find((span) => span.name === CHARGE);
    expect(charge).toMatchObject({ name: CHARGE, attributes: expect.objectContaining({ 'idempotency.outcome': 'executed' }) });
    const [attempt] = inTrace(checkoutTrace).filter((span) => span.name === `${CHARGE} #1`);
    expect(charge?.parentSpanId).toBe(attempt.spanContext().spanId);
    const sent = relay.deliveries.find((each) => each.traceparent?.includes(delivery.spanId));
    expect(sent?.traceparent).toBe(`00-${checkoutTrace}-${delivery.spanId}-01`);
    const recorded = JSON.stringify([...inTrace(checkoutTrace).map((span) => span.attributes), ...sink.spans().map((span) => span.attributes)]);
    for (const secret of [webhookSecret, sent?.signature, TEST_SANDBOX_SECRET_KEY]) expect(recorded).not.toContain(secret);
  }, 60_000);
});
