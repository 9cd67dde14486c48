import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { findFreePort } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { createTestProduct, createTestUser, startTestApi, TestApi } from '../testing/test-api';

const LEASE_MS = 1500;
const MAIN = path.resolve(__dirname, '../../dist/main.js');

// Failure scenario: the process dies in the middle of an order (stock taken, order half-written,
// nothing committed). Nothing of it may survive, and after the lease the key runs the order once.
describe('an API process killed (SIGKILL) in the middle of POST /orders', () => {
  let api: TestApi;
  let child: ChildProcess | undefined;
  beforeAll(async () => (api = await startTestApi({ IDEMPOTENCY_LEASE_MS: String(LEASE_MS) })));
  afterAll(async () => {
    child?.kill('SIGKILL');
    await api.close();
  });

  async function startChildApi(): Promise<string> {
    const port = await findFreePort();
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: testDatabaseUrl(),
        PAYMENT_PROVIDER_URL: process.env.TEST_PAYMENT_PROVIDER_URL,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'silent',
        IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
      },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return url;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('child API did not start');
  }

  async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('leaves no order and no stock taken, and a retry with the same key after the lease creates exactly one', async () => {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 50);
    const key = randomUUID();
    const body = { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 4 }] };
    // Holds the child's transaction open after the stock update, while it inserts the order.
    const stall = `stall_${user.id.replace(/-/g, '')}`;
    await api.prisma.$executeRawUnsafe(`CREATE FUNCTION ${stall}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$`);
    await api.prisma.$executeRawUnsafe(
      `CREATE TRIGGER ${stall} BEFORE INSERT ON orders FOR EACH ROW WHEN (NEW.user_id = '${user.id}') EXECUTE FUNCTION ${stall}()`,
    );

    const childUrl = await startChildApi();
    const inFlight = fetch(`${childUrl}/orders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${user.token}`, 'Idempotency-Key': `"${key}"`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).catch((error: unknown) => error);
    await waitFor(
      async () =>
        (
          await api.prisma.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'INSERT INTO "public"."orders"%' AND wait_event = 'PgSleep'`,
          )
        ).length > 0,
      'the order insert to stall',
    );
    child!.kill('SIGKILL');
    // The client saw the connection die: it cannot know whether the order happened.
    expect(String(await inFlight)).toMatch(/fetch failed/);

    expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(0);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(50);
    await api.prisma.$executeRawUnsafe(`DROP TRIGGER ${stall} ON orders`);
    await api.prisma.$executeRawUnsafe(`DROP FUNCTION ${stall}()`);

    const post = () => api.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key).send(body);
    await waitFor(async () => (await post()).status !== 409, "the dead holder's lease to lapse");
    await post().expect(201).expect('Idempotent-Replayed', 'true');
    expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(46);
  });
});
