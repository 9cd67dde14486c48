import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startChargeAnswerProxy, ChargeAnswerProxy } from '../testing/charge-answer-proxy';
import { eventually } from '../testing/eventually';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { PaymentSandboxProcess, startPaymentSandbox, TEST_SANDBOX_SECRET_KEY } from '../testing/payment-sandbox-process';
import { stopScheduledJobs } from '../testing/scheduled-jobs';
import { createTestProduct, createTestUser, orderBody, startTestApi, TestApi } from '../testing/test-api';
import { startWebhookRelay, WebhookRelay } from '../testing/webhook-relay';

// The sandbox retries a refused delivery within a second here rather than its default minute.
const FAST_DELIVERY_SCHEDULE = { PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS: '200', PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS: '1000' };
const DELIVERY_TIMEOUT = { timeoutMs: 45_000, intervalMs: 100 };

// Real deliveries (payments.md §5): a real sandbox process registers the shop's endpoint, charges,
// and delivers its events, signed, to the API over real sockets (through a relay that keeps them
// as sent). The charge's answer is lost on the way back, so only the webhook can settle the order.
// The file has a database of its own, and the API's recovery worker is stopped.
describe('webhooks delivered by the payment sandbox', () => {
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let relay: WebhookRelay;
  let chargeAnswers: ChargeAnswerProxy;
  let api: TestApi;
  let secret: string;
  beforeAll(async () => {
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url, undefined, FAST_DELIVERY_SCHEDULE);
    relay = await startWebhookRelay();
    const stripe = new Stripe(TEST_SANDBOX_SECRET_KEY, { host: '127.0.0.1', port: sandbox.port, protocol: 'http' });
    const endpoint = await stripe.webhookEndpoints.create({ url: relay.url, enabled_events: ['payment_intent.succeeded', 'payment_intent.payment_failed'] });
    secret = endpoint.secret!;
    chargeAnswers = await startChargeAnswerProxy(sandbox.url);
    api = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: chargeAnswers.url, PAYMENT_WEBHOOK_SECRET: secret });
    stopScheduledJobs(api.app);
    relay.forwardTo(`http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`);
  }, 90_000);
  afterAll(async () => {
    await api?.close();
    await chargeAnswers?.close();
    await relay?.close();
    await sandbox?.stop();
    await database?.dispose();
  });

  async function aCheckoutWhoseAnswerIsLost() {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 5, 1_100);
    chargeAnswers.setFate('lost');
    try {
      await api
        .http()
        .post('/orders')
        .set('Authorization', `Bearer ${user.token}`)
        .set('Idempotency-Key', `"${randomUUID()}"`)
        .send(orderBody([{ productId: product.id, quantity: 1 }]))
        .expect(503);
    } finally {
      chargeAnswers.setFate('delivered');
    }
    const order = await api.prisma.order.findFirstOrThrow({ where: { userId: user.id } });
    return {
      order,
      read: () => api.prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { receipt: true } }),
      deliveriesOf: () => relay.deliveries.filter((delivery) => delivery.body.includes(order.id)),
    };
  }

  it('settles an order whose charge answer was lost, from the sandbox’s signed delivery, which the official SDK verifies', async () => {
    const checkout = await aCheckoutWhoseAnswerIsLost();

    await eventually(async () => (await checkout.read()).status === 'paid', 'the webhook to settle the order', DELIVERY_TIMEOUT);

    expect(await checkout.read()).toMatchObject({ status: 'paid', receipt: { confirmedBy: 'webhook' } });
    const [delivery] = checkout.deliveriesOf();
    const event = Stripe.webhooks.constructEvent(delivery.body, delivery.signature!, secret);
    expect(event).toMatchObject({ type: 'payment_intent.succeeded', data: { object: { metadata: { order_id: checkout.order.id } } } });
    expect((await checkout.read()).paymentIntentId).toBe((event.data.object as Stripe.PaymentIntent).id);
  }, 90_000);

  it('a delivery pending while the sandbox is killed and restarted arrives afterwards, and settles the order once', async () => {
    relay.forwardTo(undefined);
    const checkout = await aCheckoutWhoseAnswerIsLost();
    await eventually(async () => checkout.deliveriesOf().length > 0, 'a first, refused delivery attempt', DELIVERY_TIMEOUT);

    await sandbox.stop('SIGKILL');
    sandbox = await startPaymentSandbox(database.url, sandbox.port, FAST_DELIVERY_SCHEDULE);
    relay.forwardTo(`http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`);

    await eventually(async () => (await checkout.read()).status === 'paid', 'the delivery to resume after the restart', DELIVERY_TIMEOUT);
    expect(await checkout.read()).toMatchObject({ receipt: { confirmedBy: 'webhook' } });
    expect(await api.prisma.receipt.count({ where: { orderId: checkout.order.id } })).toBe(1);
    expect(checkout.deliveriesOf().filter((delivery) => delivery.status === 200).length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
