import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { packLibraries, PUBLISHED_LIBRARIES } from './pack-libraries';
import { outsideWorkspaceEnv, runCommand } from './run-command';
import { buildScratchApp, scratchAppSql } from './scratch-app';
import { ScratchServer, startScratchServer } from './scratch-server';

// Packing, a cold `npm install` from npm's cache, `prisma generate` and `tsc` on a shared machine.
const SETUP_TIMEOUT_MS = 10 * 60_000;
const USER = 'packed-user';
/** An Idempotency-Key field value: the key as a structured-field string. */
const asHeader = (key: string) => `"${key}"`;

describe('the packed libraries in a NestJS + Prisma application of its own', () => {
  let workDir: string;
  let appDir: string;
  let server: ScratchServer | undefined;
  let db: Client;

  beforeAll(async () => {
    // Outside the workspace: npm must not see its package.json, workspaces or node_modules.
    workDir = mkdtempSync(path.join(tmpdir(), 'safe-checkout-packed-'));
    appDir = path.join(workDir, 'app');
    mkdirSync(path.join(workDir, 'tarballs'));
    const tarballs = await packLibraries(path.join(workDir, 'tarballs'));
    expect([...tarballs.keys()].sort()).toEqual(PUBLISHED_LIBRARIES.map((library) => `@safe-checkout/${library}`).sort());
    await buildScratchApp(appDir, tarballs);

    // An empty PostgreSQL of its own (testing/jest-global-setup.ts).
    const databaseUrl = process.env.PACKED_LIBS_DATABASE_URL!;
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    for (const sql of scratchAppSql(appDir)) await db.query(sql);
    server = await startScratchServer(appDir, databaseUrl);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    await db?.end().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  const placeOrder = (key: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${server!.baseUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': asHeader(key), 'x-user-id': USER, ...headers },
      body: JSON.stringify(body),
    });
  const ordersOf = async (item: string) => (await db.query<{ id: string }>('SELECT id FROM orders WHERE item = $1', [item])).rows;

  it('replays the stored response to the same key sent twice, and runs the handler once', async () => {
    const [key, item] = [randomUUID(), randomUUID()];
    const first = await placeOrder(key, { item, quantity: 1 });
    const second = await placeOrder(key, { item, quantity: 1 });

    expect([first.status, second.status]).toEqual([201, 201]);
    const [placed, replayed] = [(await first.json()) as { id: string }, await second.json()];
    expect(replayed).toEqual(placed);
    expect(await ordersOf(item)).toEqual([{ id: placed.id }]);
  });

  it('runs 50 concurrent duplicates once, every one answered with the same order', async () => {
    const [key, item] = [randomUUID(), randomUUID()];
    const responses = await Promise.all(Array.from({ length: 50 }, () => placeOrder(key, { item, quantity: 2 }, { prefer: 'wait=10' })));

    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (response) => ((await response.json()) as { id: string }).id)));
    expect(await ordersOf(item)).toEqual([...ids].map((id) => ({ id })));
  });

  it('refuses the same key with a different body: 422 problem+json, and nothing runs', async () => {
    const [key, item, otherItem] = [randomUUID(), randomUUID(), randomUUID()];
    await placeOrder(key, { item, quantity: 1 });
    const reused = await placeOrder(key, { item: otherItem, quantity: 5 });

    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await ordersOf(otherItem)).toEqual([]);
  });

  it('the packed retrying client retries a flaky endpoint with one key until it answers', async () => {
    const key = randomUUID();
    const output = await runCommand(process.execPath, ['dist/retry-flaky.js', server!.baseUrl, key], {
      cwd: appDir,
      env: outsideWorkspaceEnv(),
      timeoutMs: 60_000,
    });
    const keysSeen = (await (await fetch(`${server!.baseUrl}/flaky/keys`)).json()) as string[];

    expect(JSON.parse(output)).toEqual({ status: 201, body: { charged: true, attempts: 3 } });
    expect(keysSeen).toEqual(Array(3).fill(asHeader(key)));
  });
});
