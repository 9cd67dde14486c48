import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { createRetryingClient } from '@safe-checkout/retrying-client';
import { attemptSpans } from '@safe-checkout/tracing';
import { recordSpansInMemory, startOtlpSink, type ExportedSpan, type InMemorySpans, type OtlpSink, type ReadableSpan } from '@safe-checkout/tracing/testing';
import { ApiProcess, startApiProcess } from '../testing/api-process';
import { eventually } from '../testing/eventually';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { PaymentSandboxProcess, startPaymentSandbox, TEST_SANDBOX_SECRET_KEY } from '../testing/payment-sandbox-process';
import { stopScheduledJobs } from '../testing/scheduled-jobs';
import { createTestProduct, createTestUser, orderBody, startTestApi, TEST_CARDS, TestApi } from '../testing/test-api';

const API = 'safe-checkout-api';
const CHARGE = 'POST /v1/payment_intents';

// The API as `npm start` runs it (dist/main.js, its own process) with an OTLP endpoint: startTracing
// registers the automatic instrumentations there before Nest and Prisma load. Jest's module loader
// bypasses the hooks they patch modules with, so only a real process shows their spans.
describe('the automatic instrumentations of a traced API process (http, NestJS, Prisma)', () => {
  let spans: InMemorySpans;
  let sink: OtlpSink;
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let fixtures: TestApi;
  let api: ApiProcess;
  beforeAll(async () => {
    spans = recordSpansInMemory();
    sink = await startOtlpSink();
    database = await createIsolatedTestDatabase();
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_BSP_SCHEDULE_DELAY: '20' };
    sandbox = await startPaymentSandbox(database.url, undefined, tracing);
    // Untraced, in this process: it creates the customer and the product, and logs the customer in.
    fixtures = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url });
    stopScheduledJobs(fixtures.app);
    api = await startApiProcess({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url, ...tracing });
  }, 90_000);
  afterAll(async () => {
    await api?.kill('SIGTERM');
    await fixtures?.close();
    await sandbox?.stop();
    await database?.dispose();
    await sink?.close();
    await spans?.stop();
  });

  /** One checkout by a retrying client, in a root span of the test's own; the exported spans of its trace once the API's server span arrived. */
  async function tracedCheckout() {
    const user = await createTestUser(fixtures);
    const product = await createTestProduct(fixtures, 5, 900);
    const key = randomUUID();
    const client = createRetryingClient({ axios: { baseURL: api.url, headers: { Authorization: `Bearer ${user.token}` } }, maxDelayMs: 50, baseDelayMs: 10 });
    const traceId = await trace.getTracer('test').startActiveSpan('checkout', async (root) => {
      await client.post('/orders', orderBody([{ productId: product.id, quantity: 1 }]), { idempotencyKey: key, hooks: attemptSpans() });
      root.end();
      return root.spanContext().traceId;
    });
    const exported = () => sink.spans().filter((span) => span.traceId === traceId);
    const isServedOrder = (span: ExportedSpan) => span.service === API && span.name === 'POST /orders';
    await eventually(async () => exported().some(isServedOrder) && exported().some((span) => span.name === CHARGE), "the API's and the provider's spans");
    return {
      local: spans.finished().filter((span) => span.spanContext().traceId === traceId),
      exported: exported(),
      secrets: [key, user.token, TEST_SANDBOX_SECRET_KEY, TEST_CARDS.visa],
    };
  }

  const idOf = (span: ReadableSpan) => span.spanContext().spanId;

  it("makes one server span of each request, the http instrumentation's, named by the route and carrying the idempotency outcome", async () => {
    const { local, exported } = await tracedCheckout();

    const [attempt] = local.filter((span) => span.name === 'POST /orders #1');
    const served = exported.filter((span) => span.service === API && span.parentSpanId === idOf(attempt));
    expect(served).toEqual([
      expect.objectContaining({
        name: 'POST /orders',
        attributes: expect.objectContaining({ 'http.route': '/orders', 'http.response.status_code': 201, 'idempotency.outcome': 'executed' }),
      }),
    ]);
  }, 60_000);

  it("puts NestJS' and Prisma's spans in the checkout's trace, and the provider's charge under the API's charge attempt", async () => {
    const { exported } = await tracedCheckout();

    const ofApi = exported.filter((span) => span.service === API);
    expect(ofApi.some((span) => span.attributes['component'] === '@nestjs/core')).toBe(true);
    expect(ofApi.some((span) => span.name.startsWith('prisma:'))).toBe(true);
    // The charge attempt sends its own traceparent: no automatic client span sits between it and the provider.
    const [chargeAttempt] = ofApi.filter((span) => span.name === `${CHARGE} #1`);
    expect(exported.filter((span) => span.name === CHARGE)).toEqual([
      expect.objectContaining({ service: 'payment-sandbox', parentSpanId: chargeAttempt.spanId }),
    ]);
  }, 60_000);

  it('records no idempotency key, token, secret key, card or header in any span of the API or the provider', async () => {
    const { local, exported, secrets } = await tracedCheckout();

    const recorded = JSON.stringify([
      ...local.map((span) => [span.name, span.attributes, span.events]),
      ...exported.map((span) => [span.name, span.attributes]),
    ]);
    for (const secret of secrets) expect(recorded).not.toContain(secret);
    expect(recorded.toLowerCase()).not.toMatch(/authorization|bearer|idempotency-key|http\.request\.header/);
  }, 60_000);
});
