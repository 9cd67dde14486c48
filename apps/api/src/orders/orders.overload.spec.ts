import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { PrismaClient, TransientDatabaseFailure } from '@safe-checkout/db';
import { createTestProduct, createTestUser, startTestApi, TestApi } from '../testing/test-api';

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

/** The API's own count of 503s for `reason`, read from GET /metrics like a scraper would. */
async function transientFailures(api: TestApi, reason: TransientDatabaseFailure): Promise<number> {
  const text = (await api.http().get('/metrics').expect(200)).text;
  const match = new RegExp(`^api_transient_failures_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text);
  if (!match) throw new Error(`no api_transient_failures_total sample for ${reason}`);
  return Number(match[1]);
}

/** Makes every `table` insert whose `column` is `value` (default the user's id) sleep `seconds` in PostgreSQL; returns the undo. */
async function stallInserts(
  api: TestApi,
  table: 'orders' | 'idempotency_keys' | 'admission_counters',
  column: string,
  user: TestUser,
  seconds: number,
  value = user.id,
) {
  const name = `stall_${table}_${user.id.replace(/-/g, '')}`;
  await api.prisma.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(${seconds}); RETURN NEW; END $$`);
  await api.prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW WHEN (NEW.${column} = '${value}') EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await api.prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON ${table}`);
    await api.prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}

/** The pid of the backend sleeping in a stalled insert into `table`, once there is one. */
async function stalledBackend(api: TestApi, table: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const [row] = await api.prisma.$queryRawUnsafe<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND (query ILIKE '%INSERT INTO ${table}%' OR query ILIKE '%INSERT INTO "public"."${table}"%')`,
    );
    if (row) return row.pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no insert into ${table} stalled`);
}

function postOrder(api: TestApi, user: TestUser, key: string, productId: string) {
  return api
    .http()
    .post('/orders')
    .set('Authorization', `Bearer ${user.token}`)
    .set('Idempotency-Key', key)
    .send({ items: [{ productId, quantity: 3 }], paymentMethod: 'pm_card_visa' });
}

/** Nothing of the failed attempt is left: no order, no stock taken, no key held. */
async function expectNothingLeft(api: TestApi, user: TestUser, productId: string, stock: number) {
  expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(0);
  expect((await api.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stock).toBe(stock);
  expect(await api.prisma.idempotencyKey.count({ where: { scope: user.id } })).toBe(0);
}

/** A retry with the same key runs the order once; one more replays it. */
async function expectRetryRunsOnce(api: TestApi, user: TestUser, key: string, productId: string, stock: number) {
  const created = await postOrder(api, user, key, productId).expect(201);
  const replayed = await postOrder(api, user, key, productId).expect(201).expect('Idempotent-Replayed', 'true');
  expect(replayed.body.id).toBe(created.body.id);
  expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
  expect((await api.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stock).toBe(stock - 3);
}

// Failure scenario: under load, POST /orders waits for a pooled connection longer than the
// transaction's maxWait (2 s), which must be a 503 with Retry-After, not a 500. The pool here has
// one connection: the last statement before the order's transaction (the per-user write
// admission, after the key's claim) gets it, then a long transaction queued meanwhile takes it
// before the order's.
describe('POST /orders when every database connection is busy (DATABASE_POOL_SIZE=1)', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ DATABASE_POOL_SIZE: '1' })));
  afterAll(() => api.close());

  it('answers 503 problem+json with Retry-After, takes nothing, counts it, and frees the key for a retry that orders once', async () => {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 20);
    const key = randomUUID();
    const before = await transientFailures(api, 'transaction_start_timeout');
    const undoStall = await stallInserts(api, 'admission_counters', 'bucket', user, 1, `write:user:${user.id}`);

    const attempt = postOrder(api, user, key, product.id).then((response) => response);
    await stalledBackend(api, 'admission_counters');
    // Queued for the only connection while the admission holds it, so it gets it next, before the order.
    const holder = api.app.get(PrismaClient).$transaction((tx) => tx.$queryRaw`SELECT 1 FROM pg_sleep(3)`, { maxWait: 10_000, timeout: 10_000 });
    const response = await attempt;
    await holder;
    await undoStall();

    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('2');
    expect(response.body).toMatchObject({
      type: '/problems/service-unavailable',
      status: 503,
      detail: expect.stringMatching(/could not start its transaction/),
    });
    expect(await transientFailures(api, 'transaction_start_timeout')).toBe(before + 1);
    await expectNothingLeft(api, user, product.id, 20);
    await expectRetryRunsOnce(api, user, key, product.id, 20);
  });

  it('answers 503 when the JWT guard waits for a connection longer than the pool allows (5 s)', async () => {
    const user = await createTestUser(api);
    const before = await transientFailures(api, 'pool_timeout');
    const holder = api.app.get(PrismaClient).$transaction((tx) => tx.$queryRaw`SELECT 1 FROM pg_sleep(6)`, { timeout: 10_000 });

    const response = await api.http().get('/orders').set('Authorization', `Bearer ${user.token}`);
    await holder;

    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('2');
    expect(response.body).toMatchObject({ type: '/problems/service-unavailable', detail: expect.stringMatching(/waited too long/) });
    expect(await transientFailures(api, 'pool_timeout')).toBe(before + 1);
  }, 20_000);
});

// Failure scenario: the server ends the session of a running order (a restart,
// pg_terminate_backend). The transaction is gone with it; the client must hear "try again".
describe('POST /orders whose database session is terminated mid-order', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it('answers 503 with Retry-After, commits nothing, counts it, and frees the key for a retry that orders once', async () => {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 20);
    const key = randomUUID();
    const before = await transientFailures(api, 'connection_lost');
    const undoStall = await stallInserts(api, 'orders', 'user_id', user, 5);

    const attempt = postOrder(api, user, key, product.id).then((response) => response);
    await api.prisma.$queryRawUnsafe('SELECT pg_terminate_backend($1)', await stalledBackend(api, 'orders'));
    const response = await attempt;
    await undoStall();

    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ type: '/problems/service-unavailable', detail: expect.stringMatching(/connection to the database was lost/) });
    expect(await transientFailures(api, 'connection_lost')).toBe(before + 1);
    await expectNothingLeft(api, user, product.id, 20);
    await expectRetryRunsOnce(api, user, key, product.id, 20);
  });
});

describe('the API when its database is unreachable', () => {
  let api: TestApi;
  // A port nothing listens on: the pool's connection attempts are refused at once.
  beforeAll(async () => (api = await startTestApi({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/nowhere' })));
  afterAll(() => api.close());

  it('answers GET /health with 503 problem+json and Retry-After', async () => {
    const response = await api.http().get('/health').expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('2');
  });

  it('answers an authenticated request with 503, not 500 or 401, when the JWT guard cannot look the caller up', async () => {
    const token = await api.app.get(JwtService).signAsync({ sub: randomUUID(), email: 'nobody@example.test' });
    const before = await transientFailures(api, 'database_unreachable');

    const response = await api.http().get('/orders').set('Authorization', `Bearer ${token}`).expect(503);

    expect(response.headers['retry-after']).toBe('2');
    expect(response.body).toMatchObject({ type: '/problems/service-unavailable', detail: 'The database is unreachable.' });
    expect(await transientFailures(api, 'database_unreachable')).toBe(before + 1);
  });
});
