import { StockTakes, StockTakesModule } from '../testing/stock-takes.module';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

// The mistake the guard makes loud, through real HTTP against PostgreSQL: an @Idempotent()
// route whose service writes with the plain PrismaClient instead of txHost.tx. The routes are a
// test-only module (testing/stock-takes.module.ts) that takes one unit of stock.
describe('a write through the plain PrismaClient inside an @Idempotent() operation', () => {
  const post = (api: TestApi, route: string, token: string, key: string, body: object) =>
    api.http().post(`/testing/stock-takes/${route}`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
  const stockOf = async (api: TestApi, id: string) => (await api.prisma.product.findUniqueOrThrow({ where: { id } })).stock;
  const keysOf = (api: TestApi, userId: string) => api.prisma.idempotencyKey.count({ where: { scope: userId } });

  describe('outside production (development and tests): the guard', () => {
    let api: TestApi;
    beforeAll(async () => (api = await startTestApi({}, [StockTakesModule])));
    afterAll(() => api.close());

    it('answers 500 naming the rule, commits nothing and frees the key', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);
      const response = await post(api, 'through-plain-client', user.token, newIdempotencyKey(), { productId: product.id }).expect(500);

      expect(response.body).toMatchObject({ type: '/problems/internal-error', status: 500 });
      expect(response.body.detail).toMatch(/^Every write goes through the transaction: prisma\.product\.update\(\) ran on the plain PrismaClient/);
      expect(response.body.detail).toContain('docs/first-idempotent-endpoint.md');
      expect(await stockOf(api, product.id)).toBe(10);
      expect(await keysOf(api, user.id)).toBe(0);
    });

    it('lets the same write through txHost.tx: a failure after it rolls it back, and the retry takes the stock once', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);
      const key = newIdempotencyKey();
      api.app.get(StockTakes).failuresAfterWrite = 1;

      await post(api, 'through-transaction', user.token, key, { productId: product.id }).expect(500);
      expect(await stockOf(api, product.id)).toBe(10);
      const done = await post(api, 'through-transaction', user.token, key, { productId: product.id }).expect(201);
      const replayed = await post(api, 'through-transaction', user.token, key, { productId: product.id }).expect(201).expect('Idempotent-Replayed', 'true');

      expect(done.body).toEqual({ productId: product.id, stock: 9 });
      expect(replayed.text).toBe(done.text);
      expect(await stockOf(api, product.id)).toBe(9);
    });
  });

  // What the guard prevents, shown with it off as in production (where it costs nothing): the
  // plain write commits at once, the operation fails after it and is rolled back, the client
  // retries with the same key as it should, and the one operation takes the stock twice.
  describe('with NODE_ENV=production (no guard): the mistake, shown', () => {
    let api: TestApi;
    beforeAll(async () => {
      const nodeEnv = process.env.NODE_ENV;
      // Read once, when the client is created; the rest of the configuration is startTestApi's own.
      process.env.NODE_ENV = 'production';
      try {
        api = await startTestApi({}, [StockTakesModule]);
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
    });
    afterAll(() => api.close());

    it('commits the plain write outside the operation: one operation, retried with its key, takes the stock twice', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);
      const key = newIdempotencyKey();
      api.app.get(StockTakes).failuresAfterWrite = 1;

      await post(api, 'through-plain-client', user.token, key, { productId: product.id }).expect(500);
      expect(await stockOf(api, product.id)).toBe(9);
      const done = await post(api, 'through-plain-client', user.token, key, { productId: product.id }).expect(201);

      expect(done.body).toEqual({ productId: product.id, stock: 8 });
      expect(await stockOf(api, product.id)).toBe(8);
    });
  });
});
