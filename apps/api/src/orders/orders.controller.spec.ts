import { randomUUID } from 'node:crypto';
import { chargeKeyOf } from '../checkout/charge-key';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

describe('POST, GET /orders', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  const placeOrder = (token: string, body: unknown, key: string | null = newIdempotencyKey()) => {
    const req = api.http().post('/orders').set('Authorization', `Bearer ${token}`);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body as object);
  };

  it('creates the order with catalog prices, takes the stock, charges its total once, and answers 201 paid with Location', async () => {
    const user = await createTestUser(api);
    const [mug, cap] = [await createTestProduct(api, 10, 1200), await createTestProduct(api, 5, 1800)];
    const response = await placeOrder(user.token, {
      paymentMethod: 'pm_card_visa',
      items: [
        { productId: mug.id, quantity: 2 },
        { productId: cap.id, quantity: 1 },
      ],
    }).expect(201);

    expect(response.body).toEqual({
      id: expect.any(String),
      userId: user.id,
      status: 'paid',
      currency: 'EUR',
      createdAt: expect.any(String),
      payment: { paymentIntentId: expect.stringMatching(/^pi_/), amount: 4200, currency: 'EUR' },
      receipt: { id: expect.any(String), confirmedBy: 'charge_answer', issuedAt: expect.any(String) },
      chargeAttempts: {
        idempotencyKey: chargeKeyOf(response.body.id),
        runs: [
          { startedAt: expect.any(String), result: 'succeeded', attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, durationMs: expect.any(Number) }] },
        ],
      },
      items: [
        { productId: mug.id, quantity: 2, unitPriceCents: 1200 },
        { productId: cap.id, quantity: 1, unitPriceCents: 1800 },
      ],
      totalCents: 4200,
    });
    const charges = await api.prisma.paymentIntent.findMany({ where: { metadata: { path: ['order_id'], equals: response.body.id } } });
    expect(charges).toEqual([expect.objectContaining({ id: response.body.payment.paymentIntentId, status: 'succeeded', amount: 4200, currency: 'eur' })]);
    expect(response.headers.location).toBe(`/orders/${response.body.id}`);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: mug.id } })).stock).toBe(8);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: cap.id } })).stock).toBe(4);
  });

  it('answers 422 insufficient-stock and takes no stock at all, not even for the lines that fit', async () => {
    const user = await createTestUser(api);
    const [plenty, scarce] = [await createTestProduct(api, 10), await createTestProduct(api, 1)];
    const response = await placeOrder(user.token, {
      paymentMethod: 'pm_card_visa',
      items: [
        { productId: plenty.id, quantity: 3 },
        { productId: scarce.id, quantity: 2 },
      ],
    }).expect(422);
    expect(response.body).toMatchObject({ type: '/problems/insufficient-stock', status: 422, productId: scarce.id, available: 1 });
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: plenty.id } })).stock).toBe(10);
    expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(0);
  });

  it('answers 422 unknown-product for a product that does not exist', async () => {
    const user = await createTestUser(api);
    const response = await placeOrder(user.token, { paymentMethod: 'pm_card_visa', items: [{ productId: randomUUID(), quantity: 1 }] }).expect(422);
    expect(response.body.type).toBe('/problems/unknown-product');
  });

  it('sums repeated lines of one product when taking stock', async () => {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 3);
    await placeOrder(user.token, {
      paymentMethod: 'pm_card_visa',
      items: [
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 2 },
      ],
    }).expect(422);
    await placeOrder(user.token, {
      paymentMethod: 'pm_card_visa',
      items: [
        { productId: product.id, quantity: 1 },
        { productId: product.id, quantity: 2 },
      ],
    }).expect(201);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
  });

  it.each([
    ['no items', { paymentMethod: 'pm_card_visa', items: [] }],
    ['51 lines', { paymentMethod: 'pm_card_visa', items: Array.from({ length: 51 }, () => ({ productId: randomUUID(), quantity: 1 })) }],
    ['quantity 0', { paymentMethod: 'pm_card_visa', items: [{ productId: randomUUID(), quantity: 0 }] }],
    ['quantity 1001', { paymentMethod: 'pm_card_visa', items: [{ productId: randomUUID(), quantity: 1001 }] }],
    ['fractional quantity', { paymentMethod: 'pm_card_visa', items: [{ productId: randomUUID(), quantity: 1.5 }] }],
    ['a product id that is not a UUID', { paymentMethod: 'pm_card_visa', items: [{ productId: 'mug', quantity: 1 }] }],
    ['an unknown field', { paymentMethod: 'pm_card_visa', items: [{ productId: randomUUID(), quantity: 1 }], coupon: 'FREE' }],
    ['no paymentMethod', { items: [{ productId: randomUUID(), quantity: 1 }] }],
    ['an empty paymentMethod', { paymentMethod: '', items: [{ productId: randomUUID(), quantity: 1 }] }],
    ['a paymentMethod of 256 characters', { paymentMethod: 'p'.repeat(256), items: [{ productId: randomUUID(), quantity: 1 }] }],
    ['a paymentMethod that is not a string', { paymentMethod: 4242, items: [{ productId: randomUUID(), quantity: 1 }] }],
  ])('answers 400 validation-failed for %s', async (_case, body) => {
    const user = await createTestUser(api);
    const response = await placeOrder(user.token, body).expect(400);
    expect(response.body.type).toBe('/problems/validation-failed');
  });

  it('answers 400 idempotency-key-missing without the header and idempotency-key-invalid for a malformed one', async () => {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 5);
    const body = { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 1 }] };
    expect((await placeOrder(user.token, body, null).expect(400)).body.type).toBe('/problems/idempotency-key-missing');
    expect((await placeOrder(user.token, body, '"too-short"').expect(400)).body.type).toBe('/problems/idempotency-key-invalid');
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(5);
  });

  it('answers 401 without a token', async () => {
    await api.http().post('/orders').set('Idempotency-Key', newIdempotencyKey()).send({ paymentMethod: 'pm_card_visa', items: [] }).expect(401);
    await api.http().get('/orders').expect(401);
  });

  it("lists only the caller's orders, newest first, and hides other users' orders as 404", async () => {
    const [me, other] = [await createTestUser(api), await createTestUser(api)];
    const product = await createTestProduct(api, 10);
    const first = (await placeOrder(me.token, { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 1 }] }).expect(201)).body;
    const second = (await placeOrder(me.token, { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 2 }] }).expect(201)).body;
    const theirs = (await placeOrder(other.token, { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 1 }] }).expect(201)).body;

    const list = await api.http().get('/orders').set('Authorization', `Bearer ${me.token}`).expect(200);
    expect(list.body.data.map((o: { id: string }) => o.id)).toEqual([second.id, first.id]);
    const one = await api.http().get(`/orders/${first.id}`).set('Authorization', `Bearer ${me.token}`).expect(200);
    expect(one.body).toEqual(first);
    const hidden = await api.http().get(`/orders/${theirs.id}`).set('Authorization', `Bearer ${me.token}`).expect(404);
    expect(hidden.body.type).toBe('/problems/not-found');
    await api.http().get('/orders/not-a-uuid').set('Authorization', `Bearer ${me.token}`).expect(404);
  });
});
