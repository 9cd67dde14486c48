import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { paymentIntentsOfOrder } from '../testing/payment-intent-rows';
import { PaymentSandboxProcess, startPaymentSandbox } from '../testing/payment-sandbox-process';
import { ProviderOutageProxy, startProviderOutageProxy } from '../testing/provider-outage-proxy';
import { stopScheduledJobs } from '../testing/scheduled-jobs';
import { createTestProduct, createTestUser, newIdempotencyKey, orderBody, startTestApi, TestApi } from '../testing/test-api';
import { eventually } from '../testing/eventually';

const RECOVERY_AFTER_SECONDS = 5;
/** Backlog of the promise test; `RECOVERY_BACKLOG=1000` measures the figure (docs/payments.md "Recovery"). */
const BACKLOG = Number(process.env.RECOVERY_BACKLOG ?? 60);
/**
 * The margin over CHECKOUT_RECOVERY_AFTER_SECONDS this test allows: the tick plus the drain's time,
 * which on a shared 2-core CI machine under load is most of it (docs/payments.md "Recovery").
 */
const PROMISE_MARGIN_MS = Number(process.env.RECOVERY_MARGIN_MS ?? 20_000);
/** Checkouts made through the real API; the rest of a backlog copies their rows. */
const REAL_CHECKOUTS = 10;
/** $1: the users whose stalled checkouts are copied; $2: copies of each. */
const COPY_STALLED_CHECKOUTS = `
  WITH template AS (
    SELECT k.scope, k.fingerprint, k.recovery_state, k.expires_at, o.*
    FROM idempotency_keys k JOIN orders o ON o.id = (k.recovery_state->>'orderId')::uuid
    WHERE k.scope = ANY($1::text[]) AND k.state = 'running' AND k.recovery_point = 'order_created'),
  copies AS (
    SELECT t.*, gen_random_uuid() AS copy_id FROM template t CROSS JOIN generate_series(1, $2::int)),
  new_orders AS (
    INSERT INTO orders (id, user_id, status, total_cents, currency, payment_method, created_at)
    SELECT copy_id, user_id, status, total_cents, currency, payment_method, now() FROM copies RETURNING id),
  new_lines AS (
    INSERT INTO order_lines (id, order_id, position, product_id, quantity, unit_price_cents)
    SELECT gen_random_uuid(), c.copy_id, l.position, l.product_id, l.quantity, l.unit_price_cents
    FROM copies c JOIN order_lines l ON l.order_id = c.id WHERE c.copy_id IN (SELECT id FROM new_orders))
  INSERT INTO idempotency_keys (id, scope, key, fingerprint, state, lease_token, lease_expires_at, recovery_point, recovery_state, created_at, expires_at)
  SELECT gen_random_uuid(), scope, gen_random_uuid()::text, fingerprint, 'running', gen_random_uuid(), now(), 'order_created',
         jsonb_set(recovery_state, '{orderId}', to_jsonb(copy_id::text)), now(), expires_at
  FROM copies`;
const UNREACHABLE_PROVIDER_URL = 'http://127.0.0.1:9';

// payments.md §2 "Recovery" under backlog: the recovery workers of two API processes share a backlog
// of stalled checkouts and finish it within CHECKOUT_RECOVERY_AFTER_SECONDS plus the margin, charging
// each order once; a provider answering 503 with Retry-After holds the whole drain off. The file has
// a database and a sandbox of its own: its workers take over every stalled checkout there.
describe('the checkout recovery worker under a backlog', () => {
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let shop: TestApi;
  beforeAll(async () => {
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url);
    shop = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: UNREACHABLE_PROVIDER_URL });
    stopScheduledJobs(shop.app);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
    await sandbox?.stop();
    await database?.dispose();
  });

  /**
   * `count` checkouts waiting at order_created: `REAL_CHECKOUTS` real ones whose charge found no
   * provider (503), and row-for-row copies of them (order, lines, key at the same recovery point
   * with the copy's order id), so a large backlog is built in a second. Their leases then lapse
   * together `inMs` from now, as after a kill -9.
   */
  async function stalledCheckouts(count: number, inMs: number): Promise<{ lapsedAtMs: number; orderIds: string[]; userIds: string[] }> {
    const users = await Promise.all(Array.from({ length: REAL_CHECKOUTS }, () => createTestUser(shop)));
    const product = await createTestProduct(shop, count);
    await Promise.all(
      users.map((user) =>
        shop
          .http()
          .post('/orders')
          .set('Authorization', `Bearer ${user.token}`)
          .set('Idempotency-Key', newIdempotencyKey())
          .send(orderBody([{ productId: product.id, quantity: 1 }]))
          .expect(503),
      ),
    );
    const userIds = users.map((user) => user.id);
    await shop.prisma.$executeRawUnsafe(COPY_STALLED_CHECKOUTS, userIds, Math.ceil(count / REAL_CHECKOUTS) - 1);
    const orders = await shop.prisma.order.findMany({ where: { userId: { in: userIds } }, select: { id: true } });
    const lapsedAtMs = Date.now() + inMs;
    await shop.prisma.idempotencyKey.updateMany({ where: { scope: { in: userIds }, state: 'running' }, data: { leaseExpiresAt: new Date(lapsedAtMs) } });
    return { lapsedAtMs, orderIds: orders.map((order) => order.id), userIds };
  }

  const workerEnv = (overrides: NodeJS.ProcessEnv = {}) => ({
    DATABASE_URL: database.url,
    PAYMENT_PROVIDER_URL: sandbox.url,
    CHECKOUT_RECOVERY_AFTER_SECONDS: String(RECOVERY_AFTER_SECONDS),
    ...overrides,
  });

  async function oldestDueAgeSeconds(api: TestApi): Promise<number> {
    const { text } = await api.http().get('/metrics').expect(200);
    return Number(/^checkout_recovery_oldest_due_age_seconds (\S+)$/m.exec(text)?.[1]);
  }

  it(`finishes ${BACKLOG} stalled checkouts on two processes within CHECKOUT_RECOVERY_AFTER_SECONDS + ${PROMISE_MARGIN_MS} ms of their lease lapsing, each charged once`, async () => {
    const backlog = await stalledCheckouts(BACKLOG, 3_000);
    const workers = await Promise.all([startTestApi(workerEnv()), startTestApi(workerEnv())]);
    try {
      const dueAtMs = backlog.lapsedAtMs + RECOVERY_AFTER_SECONDS * 1000;
      let largestAge = 0;
      const unpaid = () => shop.prisma.order.count({ where: { id: { in: backlog.orderIds }, status: { not: 'paid' } } });
      await eventually(
        async () => {
          largestAge = Math.max(largestAge, await oldestDueAgeSeconds(workers[0]));
          return (await unpaid()) === 0;
        },
        'every stalled checkout to be paid',
        { timeoutMs: dueAtMs - Date.now() + PROMISE_MARGIN_MS + 5_000, intervalMs: 200 },
      );

      const keys = await shop.prisma.idempotencyKey.findMany({ where: { scope: { in: backlog.userIds }, state: 'completed' } });
      expect(keys).toHaveLength(BACKLOG);
      const lateMs = Math.max(...keys.map((key) => (key.completedAt as Date).getTime() - dueAtMs));
      if (process.env.RECOVERY_BACKLOG)
        console.log(`recovery backlog: ${BACKLOG} checkouts, 2 processes, last paid ${lateMs} ms after lease lapse + ${RECOVERY_AFTER_SECONDS} s`);
      expect(lateMs).toBeLessThanOrEqual(PROMISE_MARGIN_MS);
      expect(Math.min(...keys.map((key) => (key.completedAt as Date).getTime()))).toBeGreaterThanOrEqual(dueAtMs);
      for (const orderId of backlog.orderIds) expect(await paymentIntentsOfOrder(shop.prisma, orderId)).toHaveLength(1);
      expect(largestAge).toBeGreaterThan(0);
      await eventually(async () => (await oldestDueAgeSeconds(workers[0])) === 0, 'the oldest-due gauge to return to 0', { timeoutMs: 6_000 });
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
  }, 60_000);

  describe('a provider that answers 503 with Retry-After', () => {
    const CONCURRENCY = 4;
    const OUTAGE_MS = 5_000;
    let proxy: ProviderOutageProxy;
    beforeAll(async () => (proxy = await startProviderOutageProxy(sandbox.url)));
    afterAll(() => proxy?.close());

    it('gets no new checkout from the worker until the pause it asked for is over, then every checkout is paid once', async () => {
      const backlog = await stalledCheckouts(40, 0);
      proxy.begin(3);
      const worker = await startTestApi(
        workerEnv({ PAYMENT_PROVIDER_URL: proxy.url, CHECKOUT_RECOVERY_AFTER_SECONDS: '0', CHECKOUT_RECOVERY_CONCURRENCY: String(CONCURRENCY) }),
      );
      try {
        await eventually(async () => proxy.seen.length > 0, 'the first charge');
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
        proxy.end();
        const duringOutage = proxy.seen.filter((request) => request.status === 503);
        // The first round's charges and their own retries, within the client's budget; no new checkout.
        expect(new Set(duringOutage.map((request) => request.idempotencyKey)).size).toBeLessThanOrEqual(CONCURRENCY);
        expect(duringOutage.length).toBeLessThanOrEqual(2 * CONCURRENCY);

        const unpaid = () => shop.prisma.order.count({ where: { id: { in: backlog.orderIds }, status: { not: 'paid' } } });
        await eventually(async () => (await unpaid()) === 0, 'every checkout to be paid after the outage', { timeoutMs: 30_000, intervalMs: 200 });
        for (const orderId of backlog.orderIds) expect(await paymentIntentsOfOrder(shop.prisma, orderId, 'succeeded')).toHaveLength(1);
      } finally {
        await worker.close();
      }
    }, 60_000);
  });
});
