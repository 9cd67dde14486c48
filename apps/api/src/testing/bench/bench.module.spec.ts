import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TEST_CARDS, TestApi } from '../test-api';
import { BenchModule } from './bench.module';

// The bench's two extra routes (docs/benchmarks.md), on the API as the bench runs it: that the
// control group has no layer, and that the peer works on this Nest version as its README says.
describe('BenchModule', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({}, [BenchModule])));
  afterAll(() => api.close());

  async function scenario() {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 100);
    const body = { paymentMethod: TEST_CARDS.visa, items: [{ productId: product.id, quantity: 1 }] };
    const post = (route: string, key: string, token = user.token) =>
      api.http().post(route).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
    const ordersOf = (userId: string) => api.prisma.order.count({ where: { userId, status: 'paid' } });
    return { user, post, ordersOf };
  }

  describe('POST /bench/orders-baseline', () => {
    it('places and pays an order for every request, whatever its Idempotency-Key', async () => {
      const { user, post, ordersOf } = await scenario();
      const key = newIdempotencyKey();
      const first = await post('/bench/orders-baseline', key).expect(201);
      await post('/bench/orders-baseline', key).expect(201);
      expect(first.headers.location).toBe(`/orders/${first.body.id}`);
      expect(first.body.status).toBe('paid');
      expect(await ordersOf(user.id)).toBe(2);
    });

    it('validates the body with the global pipe', async () => {
      const { user } = await scenario();
      await api.http().post('/bench/orders-baseline').set('Authorization', `Bearer ${user.token}`).send({ items: [] }).expect(400);
    });
  });

  describe('POST /bench/orders-peer (@node-idempotency/nestjs)', () => {
    it('replays the first 201 to a retry with the same key, with Idempotent-Replayed but no Location', async () => {
      const { user, post, ordersOf } = await scenario();
      const key = newIdempotencyKey();
      const first = await post('/bench/orders-peer', key).expect(201);
      const again = await post('/bench/orders-peer', key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers.location).toBe(`/orders/${first.body.id}`);
      expect(again.headers.location).toBeUndefined();
      expect(await ordersOf(user.id)).toBe(1);
    });

    it('executes concurrent duplicates once in one process: the others get 409 or the replay', async () => {
      const { user, post, ordersOf } = await scenario();
      const key = newIdempotencyKey();
      const answers = await Promise.all(Array.from({ length: 10 }, () => post('/bench/orders-peer', key)));
      const statuses = answers.map(({ status }) => status);
      expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
      expect(answers.filter(({ status }) => status === 409).every(({ headers }) => headers['retry-after'] === '1')).toBe(true);
      expect(await ordersOf(user.id)).toBe(1);
    });

    // What our layer prevents by scoping keys to the caller (http-contract.md): kept here so that
    // docs/benchmarks.md's account of the peer stays checked.
    it("does not scope keys by caller: another user's request with the key gets the first user's order", async () => {
      const { user, post } = await scenario();
      const other = await createTestUser(api);
      const key = newIdempotencyKey();
      await post('/bench/orders-peer', key).expect(201);
      const others = await post('/bench/orders-peer', key, other.token).expect(201);
      expect(others.headers['idempotent-replayed']).toBe('true');
      expect(others.body.userId).toBe(user.id);
    });
  });
});
