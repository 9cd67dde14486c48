import { randomUUID } from 'node:crypto';
import { paymentIntentsOfOrder, paymentIntentsOfUser } from '../testing/payment-intent-rows';
import { createTestProduct, createTestUser, orderBody, startTestApi, TestApi } from '../testing/test-api';
import { ORDER_CREATED } from './checkout.phases';
import { MAX_ORDER_TOTAL_CENTS } from './order-total';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const STOCK = 5_000;
// Nothing listens on port 9: an API pointed there could only answer a replay from its store.
const UNREACHABLE_PROVIDER_URL = 'http://127.0.0.1:9';

// Totals the provider cannot charge (http-contract.md "Orders"), through real
// HTTP, charging the run's real payment sandbox, with fixture products priced for each case.
describe('POST /orders refuses totals the payment provider cannot charge, and takes a refused charge request as final', () => {
  let api: TestApi;
  let offline: TestApi;
  beforeAll(async () => {
    [api, offline] = await Promise.all([startTestApi(), startTestApi({ PAYMENT_PROVIDER_URL: UNREACHABLE_PROVIDER_URL })]);
  });
  afterAll(async () => {
    await offline?.close();
    await api?.close();
  });

  /** A customer ordering `quantity` of a fresh product priced `priceCents` (in `currency`, 5 000 in stock), under one key. */
  async function aCheckout(priceCents: number, quantity: number, currency = 'EUR') {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, STOCK, priceCents, currency);
    const key = `"${randomUUID()}"`;
    const body = orderBody([{ productId: product.id, quantity }]);
    return {
      user,
      post: (through: TestApi = api) => through.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key).send(body),
      stock: async () => (await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock,
      orders: () => api.prisma.order.findMany({ where: { userId: user.id } }),
      keyRow: () => api.prisma.idempotencyKey.findFirstOrThrow({ where: { scope: user.id } }),
    };
  }

  describe.each([
    ['0 (every product free)', 0, 3, 0],
    [`${MAX_ORDER_TOTAL_CENTS + 1} (one cent above the provider's maximum)`, 100_000, 1_000, MAX_ORDER_TOTAL_CENTS + 1],
    ['4 294 967 294 (beyond a 32-bit integer: was a 500)', 2_147_483_647, 2, 4_294_967_294],
  ])('a total of %s', (_name, priceCents, quantity, totalCents) => {
    it('is 422 order-total-out-of-range before any stock is taken: no order, no charge, and the answer is replayed byte for byte', async () => {
      const checkout = await aCheckout(priceCents, quantity);
      const refused = await checkout.post().expect(422);

      expect(refused.headers['content-type']).toBe(PROBLEM_JSON);
      expect(refused.body).toMatchObject({ type: '/problems/order-total-out-of-range', status: 422, totalCents, maximumCents: MAX_ORDER_TOTAL_CENTS });
      expect(await checkout.stock()).toBe(STOCK);
      expect(await checkout.orders()).toEqual([]);
      expect(await paymentIntentsOfUser(api.prisma, checkout.user.id)).toEqual([]);
      expect(await checkout.keyRow()).toMatchObject({ state: 'completed', responseStatus: 422 });

      const replayed = await checkout.post(offline).expect(422);
      expect(replayed.text).toBe(refused.text);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
    });
  });

  it(`charges a total of exactly ${MAX_ORDER_TOTAL_CENTS}, the provider's maximum`, async () => {
    const checkout = await aCheckout(MAX_ORDER_TOTAL_CENTS, 1);
    const paid = await checkout.post().expect(201);
    expect(paid.body).toMatchObject({ status: 'paid', totalCents: MAX_ORDER_TOTAL_CENTS, payment: { amount: MAX_ORDER_TOTAL_CENTS } });
  });

  it('answers 422 payment-request-invalid (param currency) when the provider refuses the request itself: order payment_failed, stock back, key finished, replayed without the provider', async () => {
    // The catalog may hold a code the provider does not know; the sandbox refuses it as Stripe does:
    // 400 invalid_request_error, param currency. Taken as unknown, it would be a 503 for ever.
    const checkout = await aCheckout(1_250, 3, 'QQQ');
    const refused = await checkout.post().expect(422);

    expect(refused.headers['content-type']).toBe(PROBLEM_JSON);
    const [order] = await checkout.orders();
    expect(refused.body).toMatchObject({ type: '/problems/payment-request-invalid', status: 422, param: 'currency', orderId: order.id });
    expect(order).toMatchObject({ status: 'payment_failed', paymentIntentId: null });
    expect(await checkout.stock()).toBe(STOCK);
    expect(await paymentIntentsOfOrder(api.prisma, order.id)).toEqual([]);
    const key = await checkout.keyRow();
    expect(key).toMatchObject({ state: 'completed', recoveryPoint: 'finished', responseStatus: 422 });
    expect(key.recoveryPoint).not.toBe(ORDER_CREATED);
    const shown = await api.http().get(`/orders/${order.id}`).set('Authorization', `Bearer ${checkout.user.token}`).expect(200);
    expect(shown.body.chargeAttempts.runs).toEqual([
      expect.objectContaining({ result: 'invalid_request', attempts: [expect.objectContaining({ status: 400 })] }),
    ]);

    const replayed = await checkout.post(offline).expect(422);
    expect(replayed.text).toBe(refused.text);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(await checkout.orders()).toHaveLength(1);
  });
});
