import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

// The double-click / retry-storm case: many copies of one request at once must create exactly one
// order and take the stock once; every copy gets either the order (201) or "in progress" (409).
describe('200 concurrent POST /orders with one Idempotency-Key', () => {
  let apis: TestApi[];
  beforeAll(async () => (apis = [await startTestApi(), await startTestApi()]));
  afterAll(() => Promise.all(apis.map((api) => api.close())));

  async function storm(targets: TestApi[], prefer?: string) {
    const [api] = targets;
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 1000);
    const key = newIdempotencyKey();
    const body = { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 3 }] };
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        targets[i % targets.length]
          .http()
          .post('/orders')
          .set('Authorization', `Bearer ${user.token}`)
          .set('Idempotency-Key', key)
          .set(prefer ? { Prefer: prefer } : {})
          .send(body),
      ),
    );
    return {
      statuses: new Set(responses.map((r) => r.status)),
      orderIds: new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id)),
      inProgress: responses.filter((r) => r.status === 409),
      replayed: responses.filter((r) => r.headers['idempotent-replayed'] === 'true'),
      charges: await api.prisma.paymentIntent.count({ where: { status: 'succeeded', metadata: { path: ['user_id'], equals: user.id } } }),
      orders: await api.prisma.order.count({ where: { userId: user.id } }),
      stock: (await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock,
    };
  }

  it('creates exactly one order and one stock decrement on one API process', async () => {
    const result = await storm([apis[0]]);
    expect([...result.statuses].every((s) => s === 201 || s === 409)).toBe(true);
    expect(result.orders).toBe(1);
    expect(result.orderIds.size).toBe(1);
    expect(result.stock).toBe(997);
    expect(result.inProgress.every((r) => Number(r.headers['retry-after']) >= 1)).toBe(true);
  });

  it('creates exactly one order when the copies are spread over two API processes sharing the database', async () => {
    const result = await storm(apis);
    expect([...result.statuses].every((s) => s === 201 || s === 409)).toBe(true);
    expect(result.orders).toBe(1);
    expect(result.orderIds.size).toBe(1);
    expect(result.stock).toBe(997);
  });

  it('answers every copy with the one order when they wait for it (Prefer: wait), across two API processes: no 409, one charge', async () => {
    const result = await storm(apis, 'wait=10');
    expect([...result.statuses]).toEqual([201]);
    expect(result.orders).toBe(1);
    expect(result.orderIds.size).toBe(1);
    expect(result.replayed).toHaveLength(199);
    expect(result.charges).toBe(1);
    expect(result.stock).toBe(997);
  });
});
