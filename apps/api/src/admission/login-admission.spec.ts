import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { startTestApi, TestApi } from '../testing/test-api';

// Both APIs count in the test database's admission_counters, as two processes of one deployment
// would. Accounts and addresses are fresh per test (other suites log in from 127.0.0.1 too); the
// address comes through X-Forwarded-For, which these APIs believe because 127.0.0.1 is trusted.
const LIMITS = {
  LOGIN_ATTEMPTS_PER_ACCOUNT: '3',
  LOGIN_ACCOUNT_WINDOW_SECONDS: '60',
  LOGIN_ATTEMPTS_PER_ADDRESS: '5',
  LOGIN_ADDRESS_WINDOW_SECONDS: '60',
  TRUSTED_PROXIES: '127.0.0.1,::1',
};

function freshAddress(): string {
  const bytes = randomUUID().replace(/-/g, '');
  return `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16)}`;
}

/** An account that has not logged in yet (createTestUser logs in, which would count). */
async function createAccount(api: TestApi, password = 'right-password'): Promise<{ email: string }> {
  const email = `limited-${randomUUID()}@example.test`;
  const address = { addressLine1: '1 Test Street', addressCity: 'Testville', addressPostalCode: '00000', addressCountry: 'GB' };
  await api.prisma.user.create({ data: { email, name: 'Limited', passwordHash: await hash(password), ...address } });
  return { email };
}

describe('login admission (per account and per client address, shared by two API processes)', () => {
  let apis: TestApi[];
  beforeAll(async () => (apis = await Promise.all([startTestApi(LIMITS), startTestApi(LIMITS)])));
  afterAll(() => Promise.all(apis.map((api) => api.close())));

  const login = (i: number, email: string, password: string, address = freshAddress()) =>
    apis[i % 2].http().post('/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('admits exactly the per-account limit of 12 concurrent wrong attempts split over both processes, and answers the rest 429 with Retry-After', async () => {
    const user = await createAccount(apis[0]);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(i, user.email, 'wrong-password')));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(3);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(9);
    for (const answer of limited) {
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body.type).toMatch(/\/problems\/too-many-requests$/);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
  });

  it('limits the right password too once the account is limited: the check comes before the hash', async () => {
    const user = await createAccount(apis[0]);
    await login(0, user.email, 'right-password').expect(200);
    await login(1, user.email, 'wrong-password').expect(401);
    await login(0, user.email, 'wrong-password').expect(401);
    await login(1, user.email, 'right-password').expect(429);
  });

  it('answers a refused account from memory until its window ends: a flood of refusals costs the database nothing', async () => {
    const user = await createAccount(apis[0]);
    for (let i = 0; i < 4; i++) await login(0, user.email, 'wrong-password');
    const bucket = { where: { bucket: `login:account:${user.email}` } };
    const counted = await apis[0].prisma.admissionCounter.findUniqueOrThrow(bucket);
    const flood = await Promise.all(Array.from({ length: 10 }, () => login(0, user.email, 'right-password')));
    expect(flood.map((answer) => answer.status)).toEqual(Array(10).fill(429));
    expect(Number(flood[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await apis[0].prisma.admissionCounter.findUniqueOrThrow(bucket)).hits).toBe(counted.hits);
  });

  it('limits an unknown email exactly like a known one, so the answers reveal nothing', async () => {
    const known = await createAccount(apis[0]);
    const unknown = `nobody-${randomUUID()}@example.test`;
    const answersFor = async (email: string) => {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await login(i, email, 'wrong-password'));
      return answers.map((a) => ({ status: a.status, type: a.body.type, retryAfter: a.headers['retry-after'] !== undefined }));
    };
    const knownAnswers = await answersFor(known.email);
    expect(knownAnswers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    expect(await answersFor(unknown)).toEqual(knownAnswers);
  });

  it('counts attempts per client address across accounts, and another address is not affected', async () => {
    const address = freshAddress();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(i, `nobody-${randomUUID()}@example.test`, 'x', address)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    await login(0, `nobody-${randomUUID()}@example.test`, 'x', freshAddress()).expect(401);
  });

  it('reads the client address from the right-most untrusted X-Forwarded-For hop, ignoring what the client wrote to its left', async () => {
    const client = freshAddress();
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      // A client forging a new left-most hop each time stays one client: the trusted proxy appended its real address.
      const forwardedFor = `${freshAddress()}, ${client}, 127.0.0.1`;
      statuses.push((await login(i, `nobody-${randomUUID()}@example.test`, 'x', forwardedFor)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('login admission without trusted proxies', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ LOGIN_ATTEMPTS_PER_ADDRESS: '1000000' })));
  afterAll(() => api.close());

  it('never takes the client address from X-Forwarded-For: the socket address is counted', async () => {
    const forged = freshAddress();
    const before = await api.prisma.admissionCounter.findUnique({ where: { bucket: 'login:address:127.0.0.1' } });
    await api.http().post('/auth/login').set('X-Forwarded-For', forged).send({ email: 'nobody@example.test', password: 'x' }).expect(401);
    expect(await api.prisma.admissionCounter.findUnique({ where: { bucket: `login:address:${forged}` } })).toBeNull();
    const after = await api.prisma.admissionCounter.findUniqueOrThrow({ where: { bucket: 'login:address:127.0.0.1' } });
    expect(after.hits > (before?.hits ?? 0) || after.windowEndsAt > (before?.windowEndsAt ?? new Date(0))).toBe(true);
  });
});

describe('login admission windows', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ LOGIN_ATTEMPTS_PER_ACCOUNT: '2', LOGIN_ACCOUNT_WINDOW_SECONDS: '1' })));
  afterAll(() => api.close());

  it('lets the real user in again once the window of a wrong-password flood has ended', async () => {
    const user = await createAccount(api);
    for (let i = 0; i < 4; i++) await api.http().post('/auth/login').send({ email: user.email, password: 'wrong' });
    const limited = await api.http().post('/auth/login').send({ email: user.email, password: 'right-password' }).expect(429);
    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers['retry-after']) * 1000 + 100));
    await api.http().post('/auth/login').send({ email: user.email, password: 'right-password' }).expect(200);
  });
});

describe('password hashing slots', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ LOGIN_HASH_CONCURRENCY: '1', LOGIN_HASH_QUEUE: '0' })));
  afterAll(() => api.close());

  it('answers 429 with Retry-After at once when every hashing slot is busy and nothing may queue', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        api
          .http()
          .post('/auth/login')
          .send({ email: `nobody-${randomUUID()}@example.test`, password: 'x' }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses).toContain(401);
    const limited = answers.find((a) => a.status === 429);
    expect(limited?.headers['retry-after']).toBe('1');
  });
});
