import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createPrismaClient, dropDatabase, findFreePort } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { accountOf } from './auth/secret-key';
import { sandboxDatabase } from './config/sandbox-config';
import { aCharge, sandboxHttp } from './testing/sandbox-http';

const MAIN = path.resolve(__dirname, '../dist/main.js');

// The sandbox as npm start runs it (dist/main.js, configured by the environment), on a database
// derived from DATABASE_URL: created at the first start, and everything in it survives a restart.
describe('the sandbox process (dist/main.js), restarted', () => {
  const shopUrl = testDatabaseUrl();
  const derived = sandboxDatabase({ DATABASE_URL: shopUrl }) as { url: string };
  const derivedName = decodeURIComponent(new URL(derived.url).pathname.slice(1));
  const secretKey = `sk_test_${randomUUID().replace(/-/g, '')}`;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx nx run @safe-checkout/payment-sandbox:build)`);
    await dropDatabase(shopUrl, derivedName);
  });
  afterAll(async () => {
    await stop();
    await dropDatabase(shopUrl, derivedName);
  });

  async function start(): Promise<ReturnType<typeof sandboxHttp>> {
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: shopUrl,
      PAYMENT_SANDBOX_PORT: String(port),
      HOST: '127.0.0.1',
      PAYMENT_PROVIDER_SECRET_KEY: secretKey,
      LOG_LEVEL: 'silent',
    };
    delete env.PAYMENT_SANDBOX_DATABASE_URL;
    child = spawn(process.execPath, [MAIN], { env, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 150; i++) {
      if (
        await fetch(`${url}/health`).then(
          (response) => response.ok,
          () => false,
        )
      )
        return sandboxHttp(url, secretKey);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the sandbox did not start');
  }

  async function stop(): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  // Two starts, the first creating and migrating a database: a minute and more on a loaded 2-core box.
  it('creates <name>_payment_sandbox, and after a restart answers, lists, searches and replays as before', async () => {
    let http = await start();
    const key = randomUUID();
    const orderId = randomUUID();
    const succeeded = await http.post('/v1/payment_intents', aCharge({ orderId }), { idempotencyKey: key });
    const declined = await http.post('/v1/payment_intents', aCharge({ orderId, payment_method: 'pm_card_chargeDeclined' }));
    expect([succeeded.status, declined.status]).toEqual([200, 402]);

    await stop();
    http = await start();

    expect((await http.get(`/v1/payment_intents/${succeeded.body.id}`)).body).toEqual(succeeded.body);
    expect((await http.get(`/v1/payment_intents/${declined.body.error.payment_intent.id}`)).body).toEqual(declined.body.error.payment_intent);
    const search = await http.get(`/v1/payment_intents/search?query=${encodeURIComponent(`metadata['order_id']:'${orderId}'`)}`);
    expect(search.body.data).toEqual([declined.body.error.payment_intent, succeeded.body]);
    const replay = await http.post('/v1/payment_intents', aCharge({ orderId }), { idempotencyKey: key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.text).toBe(succeeded.text);
  }, 90_000);

  it("keeps its PaymentIntents and keys in its own database, never in the shop's", async () => {
    const account = accountOf(secretKey);
    const [shop, sandbox] = [createPrismaClient({ databaseUrl: shopUrl, poolSize: 1 }), createPrismaClient({ databaseUrl: derived.url, poolSize: 1 })];
    try {
      expect(await sandbox.paymentIntent.count({ where: { account } })).toBe(2);
      expect(await sandbox.idempotencyKey.count({ where: { scope: account } })).toBe(1);
      expect(await shop.paymentIntent.count({ where: { account } })).toBe(0);
      expect(await shop.idempotencyKey.count({ where: { scope: account } })).toBe(0);
    } finally {
      await Promise.all([shop.$disconnect(), sandbox.$disconnect()]);
    }
  });
});
