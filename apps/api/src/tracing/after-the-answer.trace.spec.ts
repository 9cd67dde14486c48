import { randomUUID } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { recordSpansInMemory, startOtlpSink, type InMemorySpans, type OtlpSink, type ReadableSpan } from '@safe-checkout/tracing/testing';
import { CheckoutRecoveryWorker } from '../orders/checkout-recovery.worker';
import { ChargeAnswerProxy, startChargeAnswerProxy } from '../testing/charge-answer-proxy';
import { eventually } from '../testing/eventually';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { PaymentSandboxProcess, startPaymentSandbox } from '../testing/payment-sandbox-process';
import { stopScheduledJobs } from '../testing/scheduled-jobs';
import { createTestProduct, createTestUser, orderBody, startTestApi, TestApi } from '../testing/test-api';

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
  let api: TestApi;
  beforeAll(async () => {
    spans = recordSpansInMemory();
    sink = await startOtlpSink();
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url, undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_BSP_SCHEDULE_DELAY: '20' });
    chargeAnswers = await startChargeAnswerProxy(sandbox.url);
    api = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: chargeAnswers.url, CHECKOUT_RECOVERY_AFTER_SECONDS: '0' });
    stopScheduledJobs(api.app);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
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

  it("a checkout whose charge answers were lost, finished by the recovery worker: the worker's pass is a trace of its own, linked to the request's", async () => {
    chargeAnswers.setFate('lost');
    const requestTrace = await tracedCheckout(503).finally(() => chargeAnswers.setFate('delivered'));

    await api.app.get(CheckoutRecoveryWorker).resumeStalledCheckouts();

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
});
