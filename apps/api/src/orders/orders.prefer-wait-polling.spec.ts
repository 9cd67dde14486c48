import { PostgresKeySettledSignal } from '@safe-checkout/idempotency-prisma';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

// An engine without LISTEN/NOTIFY (CockroachDB, YugabyteDB; docs/scale.md): with
// IDEMPOTENCY_WAIT_NOTIFICATIONS=off no process listens, so only polling the key can hand the
// waiting copies the one order before their wait runs out.
describe('POST /orders with Prefer: wait, without LISTEN/NOTIFY (IDEMPOTENCY_WAIT_NOTIFICATIONS=off)', () => {
  const WAIT_SECONDS = 10;
  let apis: TestApi[];
  beforeAll(
    async () => (apis = [await startTestApi({ IDEMPOTENCY_WAIT_NOTIFICATIONS: 'off' }), await startTestApi({ IDEMPOTENCY_WAIT_NOTIFICATIONS: 'off' })]),
  );
  afterAll(() => Promise.all(apis.map((api) => api.close())));

  it('opens no LISTEN connection', () => {
    for (const api of apis) expect(api.app.get(PostgresKeySettledSignal)).toBeNull();
  });

  it('answers every copy with the one order across two API processes, well before the wait runs out: no 409, one charge', async () => {
    const [api] = apis;
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 100);
    const key = newIdempotencyKey();
    const body = { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 2 }] };
    const copies = Array.from({ length: 40 }, (_, i) =>
      apis[i % apis.length]
        .http()
        .post('/orders')
        .set('Authorization', `Bearer ${user.token}`)
        .set('Idempotency-Key', key)
        .set('Prefer', `wait=${WAIT_SECONDS}`)
        .send(body)
        .then((response) => response),
    );
    // Without polling, a waiting copy would sleep its whole wait and only then read the key.
    let timer: NodeJS.Timeout | undefined;
    const waitRunsOut = new Promise<'wait ran out'>((resolve) => (timer = setTimeout(() => resolve('wait ran out'), (WAIT_SECONDS - 2) * 1000)));
    const responses = await Promise.race([Promise.all(copies), waitRunsOut]).finally(() => clearTimeout(timer));
    if (responses === 'wait ran out') throw new Error(`copies still waiting after ${WAIT_SECONDS - 2} s: the key was not polled`);

    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(39);
    expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
    expect(await api.prisma.paymentIntent.count({ where: { status: 'succeeded', metadata: { path: ['user_id'], equals: user.id } } })).toBe(1);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(98);
  }, 60_000);
});
