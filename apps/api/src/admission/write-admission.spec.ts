import { createTestProduct, createTestUser, newIdempotencyKey, orderBody, startTestApi, TestApi } from '../testing/test-api';

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

// Two API processes on one database, as in production: the per-user count is shared.
describe('per-user limit on new writes (WRITES_PER_USER), shared by two API processes', () => {
  let apis: TestApi[];
  let productId: string;
  beforeAll(async () => {
    apis = await Promise.all([startTestApi({ WRITES_PER_USER: '2', WRITES_PER_USER_WINDOW_SECONDS: '60' }), startTestApi({ WRITES_PER_USER: '2' })]);
    productId = (await createTestProduct(apis[0], 10_000)).id;
  });
  afterAll(() => Promise.all(apis.map((api) => api.close())));

  const order = (i: number, user: TestUser, key: string, quantity = 1) =>
    apis[i % 2]
      .http()
      .post('/orders')
      .set('Authorization', `Bearer ${user.token}`)
      .set('Idempotency-Key', key)
      .send(orderBody([{ productId, quantity }]));

  it('starts exactly the limit of 6 concurrent new orders over both processes; the rest are 429 with Retry-After and leave nothing behind', async () => {
    const user = await createTestUser(apis[0]);
    const keys = Array.from({ length: 6 }, () => newIdempotencyKey());
    const answers = await Promise.all(keys.map((key, i) => order(i, user, key)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(4);
    for (const answer of limited) {
      expect(answer.body.type).toMatch(/\/problems\/too-many-requests$/);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(await apis[0].prisma.order.count({ where: { userId: user.id } })).toBe(2);
    // A refused key was released: it holds no row, so the client may send it again later.
    expect(await apis[0].prisma.idempotencyKey.count({ where: { scope: user.id } })).toBe(2);
  });

  it('never counts a replay, a reused key (422) or a duplicate: only the first execution of a key counts', async () => {
    const user = await createTestUser(apis[0]);
    const key = newIdempotencyKey();
    await order(0, user, key).expect(201);
    for (let i = 0; i < 6; i++) await order(i, user, key).expect(201).expect('Idempotent-Replayed', 'true');
    await order(1, user, key, 2).expect(422);
    const storm = await Promise.all(Array.from({ length: 10 }, (_, i) => order(i, user, key)));
    expect(storm.map((a) => a.status)).toEqual(storm.map(() => 201));
    // One of the two new keys allowed is still free.
    await order(0, user, newIdempotencyKey()).expect(201);
    await order(1, user, newIdempotencyKey()).expect(429);
  });

  it('counts every PUT /users/:id, which carries no key', async () => {
    const user = await createTestUser(apis[0]);
    const profile = { name: 'Limited', email: user.email, shippingAddress: { line1: '1 Test Street', city: 'Testville', postalCode: '00000', country: 'GB' } };
    const put = (i: number) => apis[i % 2].http().put(`/users/${user.id}`).set('Authorization', `Bearer ${user.token}`).send(profile);
    await put(0).expect(200);
    await put(1).expect(200);
    const limited = await put(0).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('limits each user on their own', async () => {
    const [first, second] = await Promise.all([createTestUser(apis[0]), createTestUser(apis[0])]);
    for (let i = 0; i < 2; i++) await order(i, first, newIdempotencyKey()).expect(201);
    await order(0, first, newIdempotencyKey()).expect(429);
    await order(1, second, newIdempotencyKey()).expect(201);
  });
});
