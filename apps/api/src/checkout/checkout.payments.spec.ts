import { randomUUID } from 'node:crypto';
import { findFreePort } from '@safe-checkout/db';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { paymentIntentsOfOrder, paymentIntentsOfUser } from '../testing/payment-intent-rows';
import { PaymentSandboxProcess, startPaymentSandbox } from '../testing/payment-sandbox-process';
import { runRecoveryPass } from '../testing/recovery-pass';
import { createTestProduct, createTestUser, orderBody, startTestApi, TEST_CARDS, TestApi } from '../testing/test-api';
import { CheckoutRecoveryWorker } from '../orders/checkout-recovery.worker';
import { ORDER_CREATED } from './checkout.phases';

const STOCK = 20;
const QUANTITY = 3;
const PRICE_CENTS = 1250;
const TOTAL_CENTS = QUANTITY * PRICE_CENTS;
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

// POST /orders through real HTTP, charging through a real payment sandbox process (payments.md §1)
// whose PaymentIntents are read where it writes them. The file has a database of its own: its
// recovery worker passes take over every stalled checkout in their database.
describe('POST /orders charges the order at the payment provider (payments.md §2, §3)', () => {
  let database: IsolatedTestDatabase;
  let sandboxPort: number;
  let sandbox: PaymentSandboxProcess;
  let api: TestApi;
  beforeAll(async () => {
    database = await createIsolatedTestDatabase();
    sandboxPort = await findFreePort();
    sandbox = await startPaymentSandbox(database.url, sandboxPort);
    api = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await sandbox?.stop();
    await database?.dispose();
  });

  /** A customer with a cart (3 × 12.50 EUR of a product with 20 in stock) and one key for its checkout. */
  async function aCheckout(paymentMethod: string = TEST_CARDS.visa) {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, STOCK, PRICE_CENTS);
    const key = randomUUID();
    const body = orderBody([{ productId: product.id, quantity: QUANTITY }], paymentMethod);
    return {
      user,
      key,
      post: (through: TestApi = api) =>
        through.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', `"${key}"`).send(body),
      get: (path: string) => api.http().get(path).set('Authorization', `Bearer ${user.token}`),
      stock: async () => (await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock,
      orders: () => api.prisma.order.findMany({ where: { userId: user.id } }),
      keyRow: () => api.prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: user.id, key } } }),
    };
  }

  /** Stops the provider for the duration of `whileDown`, then starts it again on the same port (its data survives). */
  async function withProviderDown(whileDown: () => Promise<void>): Promise<void> {
    await sandbox.stop();
    try {
      await whileDown();
    } finally {
      sandbox = await startPaymentSandbox(database.url, sandboxPort);
    }
  }

  it('answers 201 with the paid order and its payment, charged exactly once for the order total, as GET /orders shows it', async () => {
    const checkout = await aCheckout();
    const response = await checkout.post().expect(201);

    const order = response.body;
    expect(order).toMatchObject({
      userId: checkout.user.id,
      status: 'paid',
      totalCents: TOTAL_CENTS,
      currency: 'EUR',
      payment: { paymentIntentId: expect.stringMatching(/^pi_/), amount: TOTAL_CENTS, currency: 'EUR' },
    });
    expect(response.headers.location).toBe(`/orders/${order.id}`);
    const intents = await paymentIntentsOfOrder(api.prisma, order.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      id: order.payment.paymentIntentId,
      status: 'succeeded',
      amount: TOTAL_CENTS,
      currency: 'eur',
      metadata: { order_id: order.id, user_id: checkout.user.id },
    });
    expect(await checkout.stock()).toBe(STOCK - QUANTITY);
    expect((await checkout.get(`/orders/${order.id}`).expect(200)).body).toEqual(order);
    expect((await checkout.get('/orders').expect(200)).body).toEqual({ data: [order], nextCursor: null });
    expect(await checkout.keyRow()).toMatchObject({ state: 'completed', recoveryPoint: 'finished', responseStatus: 201 });
  });

  it('answers 402 payment-declined (declineCode generic_decline) to a declined card, gives the stock back, and replays that 402 byte for byte without asking the provider again', async () => {
    const checkout = await aCheckout(TEST_CARDS.declined);
    const declined = await checkout.post().expect(402);

    expect(declined.headers['content-type']).toBe(PROBLEM_JSON);
    expect(declined.body).toMatchObject({ type: '/problems/payment-declined', status: 402, declineCode: 'generic_decline' });
    const [order] = await checkout.orders();
    expect(declined.body.orderId).toBe(order.id);
    expect(order).toMatchObject({ status: 'payment_failed', paymentIntentId: null });
    expect(await checkout.stock()).toBe(STOCK);
    // The provider keeps the declined PaymentIntent (as Stripe does); nothing succeeded.
    expect((await paymentIntentsOfOrder(api.prisma, order.id)).map((intent) => intent.status)).toEqual(['requires_payment_method']);

    // Replayed by an API that cannot reach the provider at all: any charge attempt would be a 503.
    const unreachable = `http://127.0.0.1:${await findFreePort()}`;
    const offline = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: unreachable });
    try {
      const replayed = await checkout.post(offline).expect(402);
      expect(replayed.text).toBe(declined.text);
      expect(replayed.headers['content-type']).toBe(PROBLEM_JSON);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
    } finally {
      await offline.close();
    }
    expect(await paymentIntentsOfOrder(api.prisma, order.id)).toHaveLength(1);
    expect(await checkout.orders()).toHaveLength(1);
  });

  it('answers 402 payment-declined with declineCode insufficient_funds to a card without funds', async () => {
    const checkout = await aCheckout(TEST_CARDS.insufficientFunds);
    const declined = await checkout.post().expect(402);

    expect(declined.body).toMatchObject({ type: '/problems/payment-declined', declineCode: 'insufficient_funds' });
    expect((await checkout.orders()).map((order) => order.status)).toEqual(['payment_failed']);
    expect(await checkout.stock()).toBe(STOCK);
    expect(await paymentIntentsOfUser(api.prisma, checkout.user.id, 'succeeded')).toHaveLength(0);
  });

  it('answers 422 payment-method-invalid to a payment method the provider does not know, and gives the stock back', async () => {
    const checkout = await aCheckout('pm_card_nonexistent');
    const invalid = await checkout.post().expect(422);

    expect(invalid.headers['content-type']).toBe(PROBLEM_JSON);
    expect(invalid.body).toMatchObject({ type: '/problems/payment-method-invalid', status: 422 });
    const [order] = await checkout.orders();
    expect(order.status).toBe('payment_failed');
    expect(invalid.body.orderId).toBe(order.id);
    expect(await checkout.stock()).toBe(STOCK);
    // A request the provider rejects as invalid leaves nothing there.
    expect(await paymentIntentsOfOrder(api.prisma, order.id)).toHaveLength(0);
    expect(await checkout.keyRow()).toMatchObject({ state: 'completed', responseStatus: 422 });
  });

  it('creates one order and charges it once for 50 concurrent requests with one key (each answered 201 or 409)', async () => {
    const checkout = await aCheckout();
    const responses = await Promise.all(Array.from({ length: 50 }, () => checkout.post()));

    expect(responses.map((response) => response.status).filter((status) => status !== 201 && status !== 409)).toEqual([]);
    const created = responses.filter((response) => response.status === 201);
    expect(created.filter((response) => response.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    for (const response of created) expect(response.text).toBe(created[0].text);
    const orders = await checkout.orders();
    expect(orders).toHaveLength(1);
    expect(orders[0].status).toBe('paid');
    expect(await paymentIntentsOfUser(api.prisma, checkout.user.id, 'succeeded')).toHaveLength(1);
    expect(await checkout.stock()).toBe(STOCK - QUANTITY);
  }, 60_000);

  describe('when the provider does not answer', () => {
    it('answers 503 payment-provider-unavailable with Retry-After and keeps the order awaiting payment at order_created; the same key pays it once the provider is back', async () => {
      const checkout = await aCheckout();
      let orderId = '';
      await withProviderDown(async () => {
        const unavailable = await checkout.post().expect(503);
        expect(unavailable.headers['content-type']).toBe(PROBLEM_JSON);
        expect(unavailable.body).toMatchObject({ type: '/problems/payment-provider-unavailable', status: 503 });
        expect(Number(unavailable.headers['retry-after'])).toBeGreaterThan(0);

        const orders = await checkout.orders();
        expect(orders.map((order) => order.status)).toEqual(['awaiting_payment']);
        orderId = orders[0].id;
        expect(await checkout.stock()).toBe(STOCK - QUANTITY);
        const key = await checkout.keyRow();
        expect(key).toMatchObject({ state: 'running', recoveryPoint: ORDER_CREATED, recoveryState: { orderId } });
        expect(key.leaseExpiresAt.getTime()).toBeLessThanOrEqual(Date.now());
      });

      const paid = await checkout.post().expect(201);
      expect(paid.body).toMatchObject({ id: orderId, status: 'paid' });
      expect(await checkout.orders()).toHaveLength(1);
      const charges = await paymentIntentsOfOrder(api.prisma, orderId, 'succeeded');
      expect(charges.map((intent) => intent.id)).toEqual([paid.body.payment.paymentIntentId]);
      expect(await checkout.stock()).toBe(STOCK - QUANTITY);
    }, 60_000);
  });

  describe('the checkout recovery worker', () => {
    it('pays a checkout whose customer never retried once the provider is back, and the customer’s later retry gets the stored 201', async () => {
      const checkout = await aCheckout();
      await withProviderDown(async () => {
        await checkout.post().expect(503);
      });
      const [stalled] = await checkout.orders();
      expect(stalled.status).toBe('awaiting_payment');

      await runRecoveryPass({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url });

      const [order] = await checkout.orders();
      expect(order).toMatchObject({ id: stalled.id, status: 'paid' });
      const charges = await paymentIntentsOfOrder(api.prisma, order.id, 'succeeded');
      expect(charges.map((intent) => intent.id)).toEqual([order.paymentIntentId]);
      expect(await checkout.keyRow()).toMatchObject({ state: 'completed', responseStatus: 201 });

      const retry = await checkout.post().expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toMatchObject({ id: order.id, status: 'paid', payment: { paymentIntentId: order.paymentIntentId } });
      expect(await paymentIntentsOfOrder(api.prisma, order.id, 'succeeded')).toHaveLength(1);
      expect(await checkout.stock()).toBe(STOCK - QUANTITY);
    }, 60_000);

    it('leaves a stalled checkout alone until CHECKOUT_RECOVERY_AFTER_SECONDS (default 60) have passed since its lease lapsed', async () => {
      const checkout = await aCheckout();
      await withProviderDown(async () => {
        await checkout.post().expect(503);
      });
      const lapsedAt = (await checkout.keyRow()).leaseExpiresAt.getTime();
      const worker = api.app.get(CheckoutRecoveryWorker);
      expect(api.config.checkoutRecoveryAfterSeconds).toBe(60);

      await worker.resumeStalledCheckouts(new Date(lapsedAt + 59_000));
      expect((await checkout.orders()).map((order) => order.status)).toEqual(['awaiting_payment']);
      expect(await checkout.keyRow()).toMatchObject({ state: 'running', recoveryPoint: ORDER_CREATED });

      await worker.resumeStalledCheckouts(new Date(lapsedAt + 60_000));
      expect((await checkout.orders()).map((order) => order.status)).toEqual(['paid']);
      expect(await paymentIntentsOfUser(api.prisma, checkout.user.id, 'succeeded')).toHaveLength(1);
    }, 60_000);
  });
});
