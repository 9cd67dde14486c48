import {
  deliverEvent,
  deliverSigned,
  paymentEventBody,
  stripeLikeId,
  stripeSignature,
  TestPaymentIntent,
  TEST_WEBHOOK_SECRET,
} from '../testing/payment-webhook-deliveries';
import { createTestProduct, createTestUser, startTestApi, TEST_CARDS, TestApi } from '../testing/test-api';
import { SIGNATURE_TOLERANCE_SECONDS } from './webhook-signature';

const PRICE_CENTS = 700;
const QUANTITY = 2;
const STOCK_LEFT = 8;
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

// POST /webhooks/payments over real HTTP against the real database (payments.md §5). Orders are
// created awaiting payment as the checkout's first phase leaves them (stock already taken); the
// events are signed by the official stripe SDK with the secret the API holds.
describe('POST /webhooks/payments applies each payment event once and never moves an order backwards', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ PAYMENT_WEBHOOK_SECRET: `whsec_rotated_out,${TEST_WEBHOOK_SECRET}` })));
  afterAll(() => api.close());

  /** An order awaiting payment (2 × 7.00 EUR taken from stock), and a PaymentIntent that pays it. */
  async function anOrderAwaitingPayment() {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, STOCK_LEFT, PRICE_CENTS);
    const order = await api.prisma.order.create({
      data: {
        userId: user.id,
        totalCents: QUANTITY * PRICE_CENTS,
        currency: 'EUR',
        paymentMethod: TEST_CARDS.visa,
        lines: { create: [{ position: 0, productId: product.id, quantity: QUANTITY, unitPriceCents: PRICE_CENTS }] },
      },
    });
    const intent = (status: string, id = stripeLikeId('pi')): TestPaymentIntent => ({
      id,
      amount: order.totalCents,
      currency: 'eur',
      status,
      metadata: { order_id: order.id, user_id: user.id },
    });
    return {
      order,
      paying: intent('succeeded'),
      declined: intent('requires_payment_method'),
      /** Another PaymentIntent for the same order that also succeeded (a second charge). */
      another: intent('succeeded'),
      read: () => api.prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { receipt: true } }),
      receipts: () => api.prisma.receipt.count({ where: { orderId: order.id } }),
      events: () => api.prisma.paymentWebhookEvent.findMany({ where: { orderId: order.id }, orderBy: { receivedAt: 'asc' } }),
      stock: async () => (await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock,
      view: () => api.http().get(`/orders/${order.id}`).set('Authorization', `Bearer ${user.token}`).expect(200),
    };
  }

  it('settles the order named by a succeeded PaymentIntent: paid, one receipt confirmed by the webhook, listed on the order', async () => {
    const shop = await anOrderAwaitingPayment();
    const body = paymentEventBody('payment_intent.succeeded', shop.paying);

    const response = await deliverEvent(api, body).expect(200);

    expect(response.body).toEqual({ received: true, outcome: 'settled' });
    const order = await shop.read();
    expect(order).toMatchObject({
      status: 'paid',
      paymentIntentId: shop.paying.id,
      receipt: { confirmedBy: 'webhook', paymentIntentId: shop.paying.id, amountCents: order.totalCents },
    });
    expect((await shop.view()).body).toMatchObject({
      status: 'paid',
      payment: { paymentIntentId: shop.paying.id },
      receipt: { id: order.receipt!.id, confirmedBy: 'webhook', issuedAt: order.receipt!.createdAt.toISOString() },
    });
    expect(await shop.events()).toEqual([expect.objectContaining({ id: JSON.parse(body).id, type: 'payment_intent.succeeded', outcome: 'settled' })]);
  });

  it('marks the order payment_failed on a payment_failed event and gives its stock back, with no receipt', async () => {
    const shop = await anOrderAwaitingPayment();

    await deliverEvent(api, paymentEventBody('payment_intent.payment_failed', shop.declined)).expect(200, { received: true, outcome: 'settled' });

    expect(await shop.read()).toMatchObject({ status: 'payment_failed', receipt: null });
    expect(await shop.stock()).toBe(STOCK_LEFT + QUANTITY);
  });

  describe('duplicate deliveries of one event', () => {
    it('applies the first and answers every later one 200 "duplicate", changing nothing', async () => {
      const shop = await anOrderAwaitingPayment();
      const body = paymentEventBody('payment_intent.succeeded', shop.paying);

      const outcomes = [];
      for (let delivery = 0; delivery < 3; delivery++) outcomes.push((await deliverEvent(api, body).expect(200)).body.outcome);

      expect(outcomes).toEqual(['settled', 'duplicate', 'duplicate']);
      expect(await shop.receipts()).toBe(1);
      expect(await shop.events()).toHaveLength(1);
    });

    it('applies one of several concurrent deliveries: the others wait for it and change nothing', async () => {
      const shop = await anOrderAwaitingPayment();
      const body = paymentEventBody('payment_intent.payment_failed', shop.declined);

      const responses = await Promise.all(Array.from({ length: 5 }, () => deliverEvent(api, body)));

      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      expect(responses.map((response) => response.body.outcome).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'settled']);
      // The stock went back once, not five times.
      expect(await shop.stock()).toBe(STOCK_LEFT + QUANTITY);
      expect(await shop.events()).toHaveLength(1);
    });
  });

  describe('events out of order', () => {
    it('a payment_failed arriving after succeeded changes nothing: the order stays paid with its receipt, the stock stays taken', async () => {
      const shop = await anOrderAwaitingPayment();
      await deliverEvent(api, paymentEventBody('payment_intent.succeeded', shop.paying)).expect(200);

      await deliverEvent(api, paymentEventBody('payment_intent.payment_failed', shop.declined)).expect(200, { received: true, outcome: 'already_settled' });

      expect(await shop.read()).toMatchObject({ status: 'paid', paymentIntentId: shop.paying.id });
      expect(await shop.receipts()).toBe(1);
      expect(await shop.stock()).toBe(STOCK_LEFT);
      expect((await shop.events()).map((event) => event.outcome)).toEqual(['settled', 'already_settled']);
    });

    it('a succeeded arriving after payment_failed does not revive the order: it is recorded as another PaymentIntent to look at', async () => {
      const shop = await anOrderAwaitingPayment();
      await deliverEvent(api, paymentEventBody('payment_intent.payment_failed', shop.declined)).expect(200);

      await deliverEvent(api, paymentEventBody('payment_intent.succeeded', shop.another)).expect(200, { received: true, outcome: 'other_payment_intent' });

      expect(await shop.read()).toMatchObject({ status: 'payment_failed', receipt: null });
      expect(await shop.stock()).toBe(STOCK_LEFT + QUANTITY);
    });

    it('a success of another PaymentIntent of an order already paid is reconciled, not applied: one receipt, the first payment kept', async () => {
      const shop = await anOrderAwaitingPayment();
      await deliverEvent(api, paymentEventBody('payment_intent.succeeded', shop.paying)).expect(200);

      await deliverEvent(api, paymentEventBody('payment_intent.succeeded', shop.another)).expect(200, { received: true, outcome: 'other_payment_intent' });

      expect(await shop.read()).toMatchObject({ status: 'paid', paymentIntentId: shop.paying.id, receipt: { paymentIntentId: shop.paying.id } });
      expect(await shop.receipts()).toBe(1);
    });

    it('a payment_failed of a PaymentIntent for another amount leaves the order awaiting payment, its stock taken', async () => {
      const shop = await anOrderAwaitingPayment();

      await deliverEvent(api, paymentEventBody('payment_intent.payment_failed', { ...shop.declined, amount: 1 })).expect(200, {
        received: true,
        outcome: 'other_payment_intent',
      });

      expect(await shop.read()).toMatchObject({ status: 'awaiting_payment' });
      expect(await shop.stock()).toBe(STOCK_LEFT);
    });

    it('a succeeded PaymentIntent whose amount does not pay the order leaves it awaiting payment', async () => {
      const shop = await anOrderAwaitingPayment();

      await deliverEvent(api, paymentEventBody('payment_intent.succeeded', { ...shop.paying, amount: 1 })).expect(200, {
        received: true,
        outcome: 'other_payment_intent',
      });

      expect(await shop.read()).toMatchObject({ status: 'awaiting_payment', receipt: null });
    });
  });

  it('records an event for an order the shop does not have, and acknowledges types it does not handle without recording them', async () => {
    const stranger = {
      id: stripeLikeId('pi'),
      amount: 100,
      currency: 'eur',
      status: 'succeeded',
      metadata: { order_id: '00000000-0000-4000-8000-000000000000' },
    };
    const unknownOrder = paymentEventBody('payment_intent.succeeded', stranger);
    const refund = paymentEventBody('charge.refunded', stranger);

    await deliverEvent(api, unknownOrder).expect(200, { received: true, outcome: 'unknown_order' });
    await deliverEvent(api, refund).expect(200, { received: true, outcome: 'ignored' });

    expect(await api.prisma.paymentWebhookEvent.findUnique({ where: { id: JSON.parse(unknownOrder).id } })).toMatchObject({
      outcome: 'unknown_order',
      orderId: null,
    });
    expect(await api.prisma.paymentWebhookEvent.findUnique({ where: { id: JSON.parse(refund).id } })).toBeNull();
  });

  describe('refuses with 400 webhook-signature-invalid, changing nothing', () => {
    it.each([
      ['signed with another secret', { secret: 'whsec_not_ours' }, 'no-matching-signature'],
      ['signed more than 300 s ago', { timestamp: Math.floor(Date.now() / 1000) - SIGNATURE_TOLERANCE_SECONDS - 60 }, 'timestamp-outside-tolerance'],
    ])('a delivery %s', async (_case, signing, reason) => {
      const shop = await anOrderAwaitingPayment();

      const response = await deliverEvent(api, paymentEventBody('payment_intent.succeeded', shop.paying), signing).expect(400);

      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.body).toMatchObject({ type: '/problems/webhook-signature-invalid', status: 400, reason });
      expect(await shop.read()).toMatchObject({ status: 'awaiting_payment', receipt: null });
      expect(await shop.events()).toEqual([]);
    });

    it('a body changed after it was signed (re-serialised JSON included)', async () => {
      const shop = await anOrderAwaitingPayment();
      const body = paymentEventBody('payment_intent.succeeded', shop.paying);
      const signed = stripeSignature(body);

      for (const tampered of [body.replace(`"amount":${shop.paying.amount}`, '"amount":1'), JSON.stringify(JSON.parse(body), null, 2)]) {
        await deliverSigned(api, tampered, signed).expect(400);
      }

      expect(await shop.read()).toMatchObject({ status: 'awaiting_payment', receipt: null });
    });

    it('a delivery without a Stripe-Signature header', async () => {
      const shop = await anOrderAwaitingPayment();
      const response = await api
        .http()
        .post('/webhooks/payments')
        .set('Content-Type', 'application/json')
        .send(paymentEventBody('payment_intent.succeeded', shop.paying));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ type: '/problems/webhook-signature-invalid', reason: 'missing' });
    });
  });

  it('accepts a delivery signed with the secret being rotated out (PAYMENT_WEBHOOK_SECRET lists both)', async () => {
    const shop = await anOrderAwaitingPayment();
    await deliverEvent(api, paymentEventBody('payment_intent.succeeded', shop.paying), { secret: 'whsec_rotated_out' }).expect(200, {
      received: true,
      outcome: 'settled',
    });
  });

  it('answers 400 webhook-event-unreadable to a signed body that is not a payment event', async () => {
    const response = await deliverEvent(
      api,
      JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } }),
    ).expect(400);
    expect(response.body).toMatchObject({ type: '/problems/webhook-event-unreadable' });
  });

  it('without a configured secret, refuses every delivery with 503 and Retry-After, so the provider tries again later', async () => {
    const unconfigured = await startTestApi();
    try {
      const shop = await anOrderAwaitingPayment();
      const response = await deliverEvent(unconfigured, paymentEventBody('payment_intent.succeeded', shop.paying)).expect(503);
      expect(response.body).toMatchObject({ type: '/problems/webhooks-not-configured' });
      expect(response.headers['retry-after']).toBe('60');
      expect(await shop.read()).toMatchObject({ status: 'awaiting_payment' });
    } finally {
      await unconfigured.close();
    }
  });
});
