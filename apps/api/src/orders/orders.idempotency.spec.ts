import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { fingerprintRequest } from '@safe-checkout/idempotency';
import { IdempotencyKeyPurger } from '@safe-checkout/idempotency-nest';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

// One test per row of the Idempotency-Key table in http-contract.md, through real HTTP against
// PostgreSQL.
describe('POST /orders with Idempotency-Key (http-contract.md "Idempotency-Key semantics")', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  const post = (token: string, key: string | null, body: object) => {
    const req = api.http().post('/orders').set('Authorization', `Bearer ${token}`);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const stockOf = async (id: string) => (await api.prisma.product.findUniqueOrThrow({ where: { id } })).stock;
  const ordersOf = (userId: string) => api.prisma.order.count({ where: { userId } });

  async function scenario(stock = 100) {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, stock);
    return { user, product, body: { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 2 }] } };
  }

  /** A key held by "another process" (running, with the given lease end) for this user and body. */
  async function insertRunningKey(userId: string, body: object, leaseExpiresAtMs: number): Promise<string> {
    const key = randomUUID();
    await api.prisma.idempotencyKey.create({
      data: {
        scope: userId,
        key,
        state: 'running',
        leaseToken: randomUUID(),
        fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: {}, body }),
        leaseExpiresAt: new Date(leaseExpiresAtMs),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    return key;
  }

  it('replays the stored response byte for byte, with Location and Idempotent-Replayed, running the order once', async () => {
    const { user, product, body } = await scenario();
    const key = newIdempotencyKey();
    const first = await post(user.token, key, body).expect(201);
    const again = await post(user.token, key, body).expect(201);

    expect(again.text).toBe(first.text);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await ordersOf(user.id)).toBe(1);
    expect(await stockOf(product.id)).toBe(98);
  });

  it('treats the bare token and the sf-string form of a key as the same key', async () => {
    const { user, body } = await scenario();
    const bare = randomUUID();
    const first = await post(user.token, bare, body).expect(201);
    const again = await post(user.token, `"${bare}"`, body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
  });

  it('answers 422 idempotency-key-reused to the same key with another body, storing nothing new', async () => {
    const { user, product, body } = await scenario();
    const key = newIdempotencyKey();
    await post(user.token, key, body).expect(201);
    const reused = await post(user.token, key, { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 3 }] }).expect(422);
    expect(reused.body).toMatchObject({ type: '/problems/idempotency-key-reused', status: 422 });
    expect(await ordersOf(user.id)).toBe(1);
  });

  it('answers 409 idempotency-request-in-progress with Retry-After while the original holds its lease', async () => {
    const { user, body } = await scenario();
    const key = await insertRunningKey(user.id, body, Date.now() + 20_000);
    const response = await post(user.token, key, body).expect(409);
    expect(response.body).toMatchObject({ type: '/problems/idempotency-request-in-progress', status: 409 });
    // A short hint (1 s), not the 20 s left on the lease: the original usually finishes in ms.
    expect(response.headers['retry-after']).toBe('1');
    expect(await ordersOf(user.id)).toBe(0);
  });

  it('takes over a key whose holder died (lease lapsed) and runs the order once', async () => {
    const { user, body } = await scenario();
    const key = await insertRunningKey(user.id, body, Date.now() - 1000);
    await post(user.token, key, body).expect(201);
    await post(user.token, key, body).expect(201).expect('Idempotent-Replayed', 'true');
    expect(await ordersOf(user.id)).toBe(1);
  });

  it('stores nothing for a request rejected by validation, so the same key then places the order', async () => {
    const { user, body } = await scenario();
    const key = newIdempotencyKey();
    await post(user.token, key, { paymentMethod: 'pm_card_visa', items: [] }).expect(400);
    await api
      .http()
      .post('/orders')
      .set('Authorization', `Bearer ${user.token}`)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json')
      .send('{"items": [')
      .expect(400);
    const placed = await post(user.token, key, body).expect(201);
    expect(placed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores nothing for a request rejected as unauthenticated', async () => {
    const { user, body } = await scenario();
    const key = newIdempotencyKey();
    await api.http().post('/orders').set('Idempotency-Key', key).send(body).expect(401);
    await post(user.token, key, body).expect(201);
    expect(await api.prisma.idempotencyKey.count({ where: { key: key.slice(1, -1), scope: user.id } })).toBe(1);
  });

  it('commits nothing when the operation fails with a 5xx, so a retry with the key runs it exactly once', async () => {
    const { user, product, body } = await scenario();
    const key = newIdempotencyKey();
    // A real failure inside the transaction, after the stock was taken: inserting the order fails.
    const trigger = `fail_orders_${user.id.replace(/-/g, '')}`;
    await api.prisma.$executeRawUnsafe(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await api.prisma.$executeRawUnsafe(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON orders FOR EACH ROW WHEN (NEW.user_id = '${user.id}') EXECUTE FUNCTION ${trigger}()`,
    );
    try {
      const failed = await post(user.token, key, body).expect(500);
      expect(failed.body.type).toBe('/problems/internal-error');
      expect(await stockOf(product.id)).toBe(100);
    } finally {
      await api.prisma.$executeRawUnsafe(`DROP TRIGGER ${trigger} ON orders`);
      await api.prisma.$executeRawUnsafe(`DROP FUNCTION ${trigger}()`);
    }
    await post(user.token, key, body).expect(201);
    await post(user.token, key, body).expect(201).expect('Idempotent-Replayed', 'true');
    expect(await ordersOf(user.id)).toBe(1);
    expect(await stockOf(product.id)).toBe(98);
  });

  it('stores 422 insufficient-stock as the final answer for the key and replays it, taking no stock', async () => {
    const { user, product } = await scenario(1);
    const key = newIdempotencyKey();
    const body = { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 5 }] };
    const first = await post(user.token, key, body).expect(422);
    await api.prisma.product.update({ where: { id: product.id }, data: { stock: 10 } });
    const again = await post(user.token, key, body).expect(422).expect('Idempotent-Replayed', 'true');
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await stockOf(product.id)).toBe(10);
  });

  it('keeps keys apart per user: the same key from another user is a separate order', async () => {
    const [a, b] = [await scenario(), await scenario()];
    const key = newIdempotencyKey();
    const first = await post(a.user.token, key, a.body).expect(201);
    const second = await post(b.user.token, key, a.body).expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.id).not.toBe(first.body.id);
  });

  it('treats a key past its retention period as new, and the purge job deletes it', async () => {
    const { user, body } = await scenario();
    const key = randomUUID();
    await post(user.token, key, body).expect(201);
    await api.prisma.idempotencyKey.updateMany({ where: { scope: user.id, key }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const fresh = await post(user.token, key, { paymentMethod: 'pm_card_visa', items: [{ productId: body.items[0].productId, quantity: 1 }] }).expect(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();

    await api.prisma.idempotencyKey.updateMany({ where: { scope: user.id, key }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await api.app.get(IdempotencyKeyPurger).purgeExpiredKeys()).toBeGreaterThanOrEqual(1);
    expect(await api.prisma.idempotencyKey.count({ where: { scope: user.id, key } })).toBe(0);
  });

  it('counts idempotent requests by outcome at GET /metrics', async () => {
    const { user, body } = await scenario();
    await post(user.token, null, body).expect(400);
    await post(user.token, '"short"', body).expect(400);
    const metrics = await api.http().get('/metrics').expect(200);
    for (const outcome of ['executed', 'replayed', 'in_progress', 'reused', 'missing', 'invalid']) {
      expect(metrics.text).toMatch(new RegExp(`idempotency_requests_total\\{outcome="${outcome}"\\} [1-9]`));
    }
    expect(metrics.text).toMatch(/idempotency_keys_purged_total [1-9]/);
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/orders",status="201"\}/);
  });
});

describe('POST /orders when the database (and with it the key store) is unreachable', () => {
  // The guard's user lookup meets the outage first; the idempotency layer's own fail-closed 503
  // (idempotency-store-unavailable, the key store alone failing) is specified in
  // libs/idempotency-nest's interceptor tests.
  it('fails closed: 503 service-unavailable with Retry-After, never running the order', async () => {
    const api = await startTestApi({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/nowhere' });
    try {
      const token = await api.app.get(JwtService).signAsync({ sub: randomUUID(), email: 'x@example.com' });
      const response = await api
        .http()
        .post('/orders')
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', newIdempotencyKey())
        .send({ paymentMethod: 'pm_card_visa', items: [{ productId: randomUUID(), quantity: 1 }] })
        .expect(503);
      expect(response.body).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });
});
