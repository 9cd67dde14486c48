import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createPrismaClient, DEMO_PASSWORD, type PrismaClient } from '@safe-checkout/db';
import { newIdempotencyKey } from '../load';
import { createBenchApiApp } from './bench-api-app';

// The bench's two extra routes (docs/benchmarks.md), on the API as the bench composes it (a
// throwaway database, the built payment sandbox: src/testing/jest-global-setup.ts): that the control group has no layer, and that
// the peer works on this Nest version as its README says.
describe('BenchModule', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let url: string;
  let prisma: PrismaClient;

  beforeAll(async () => {
    const databaseUrl = process.env.BENCH_TEST_DATABASE_URL!;
    const app: INestApplication = await createBenchApiApp({
      DATABASE_URL: databaseUrl,
      PAYMENT_PROVIDER_URL: process.env.BENCH_TEST_PAYMENT_PROVIDER_URL,
      LOG_LEVEL: 'silent',
    });
    await app.listen(0, '127.0.0.1');
    cleanups.push(() => app.close());
    url = await app.getUrl();
    prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
    cleanups.push(() => prisma.$disconnect());
  }, 60_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function logIn(email: string): Promise<{ token: string; userId: string }> {
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    const { accessToken, user } = (await response.json()) as { accessToken: string; user: { id: string } };
    return { token: accessToken, userId: user.id };
  }

  async function scenario() {
    const alice = await logIn('alice@example.com');
    const product = await prisma.product.create({
      data: { sku: `BENCH-SPEC-${randomUUID()}`, name: 'Bench spec', priceCents: 100, currency: 'EUR', stock: 100 },
    });
    const body = { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 1 }] };
    const post = async (route: string, key: string, token = alice.token, sent: object = body) => {
      const response = await fetch(`${url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body: JSON.stringify(sent),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as { id: string; status: string; userId: string } };
    };
    const paidOrders = () => prisma.order.count({ where: { status: 'paid', lines: { some: { productId: product.id } } } });
    return { post, paidOrders };
  }

  describe('POST /bench/orders-baseline', () => {
    it('places and pays an order for every request, whatever its Idempotency-Key', async () => {
      const { post, paidOrders } = await scenario();
      const key = newIdempotencyKey();
      const first = await post('/bench/orders-baseline', key);
      const again = await post('/bench/orders-baseline', key);
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(first.headers.get('location')).toBe(`/orders/${first.body.id}`);
      expect(first.body.status).toBe('paid');
      expect(await paidOrders()).toBe(2);
    });

    it('validates the body with the global pipe', async () => {
      const { post } = await scenario();
      expect((await post('/bench/orders-baseline', newIdempotencyKey(), undefined, { items: [] })).status).toBe(400);
    });
  });

  describe('POST /bench/orders-peer (@node-idempotency/nestjs)', () => {
    it('replays the first 201 to a retry with the same key, with Idempotent-Replayed but no Location', async () => {
      const { post, paidOrders } = await scenario();
      const key = newIdempotencyKey();
      const first = await post('/bench/orders-peer', key);
      const again = await post('/bench/orders-peer', key);
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('location')).toBe(`/orders/${first.body.id}`);
      expect(again.headers.get('location')).toBeNull();
      expect(await paidOrders()).toBe(1);
    });

    it('executes concurrent duplicates once in one process: the others get 409 or the replay', async () => {
      const { post, paidOrders } = await scenario();
      const key = newIdempotencyKey();
      const answers = await Promise.all(Array.from({ length: 10 }, () => post('/bench/orders-peer', key)));
      expect(answers.map(({ status }) => status).filter((status) => status !== 201 && status !== 409)).toEqual([]);
      expect(answers.filter(({ status }) => status === 409).every(({ headers }) => headers.get('retry-after') === '1')).toBe(true);
      expect(await paidOrders()).toBe(1);
    });

    // What our layer prevents by scoping keys to the caller (http-contract.md): kept here so that
    // docs/benchmarks.md's account of the peer stays checked.
    it("does not scope keys by caller: another user's request with the key gets the first user's order", async () => {
      const { post } = await scenario();
      const bob = await logIn('bob@example.com');
      const key = newIdempotencyKey();
      const first = await post('/bench/orders-peer', key);
      const bobs = await post('/bench/orders-peer', key, bob.token);
      expect(bobs.status).toBe(201);
      expect(bobs.headers.get('idempotent-replayed')).toBe('true');
      expect(bobs.body.userId).toBe(first.body.userId);
    });
  });
});
