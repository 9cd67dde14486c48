import { randomUUID } from 'node:crypto';
import { createTestUser, startTestApi, TestApi } from '../testing/test-api';

const READS = 3;
const ORIGIN = 'http://localhost:3000';

/** `http_early_refusals_total` for the read limit, as /metrics shows it (0 before the first). */
async function readRefusals(api: TestApi): Promise<number> {
  const { text } = await api.http().get('/metrics').expect(200);
  const line = text.split('\n').find((l) => l.startsWith('http_early_refusals_total{reason="user-read-limit"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('the per-user read limit, answered before routing', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ READS_PER_USER: String(READS), READS_PER_USER_WINDOW_SECONDS: '60', CORS_ORIGINS: ORIGIN })));
  afterAll(() => api.close());

  const read = (path: string, token: string) => api.http().get(path).set('Authorization', `Bearer ${token}`).set('Origin', ORIGIN);

  it('answers a user’s reads past the limit 429 problem+json with Retry-After, whatever route they read', async () => {
    const user = await createTestUser(api);
    await read('/orders', user.token).expect(200);
    await read(`/orders/${randomUUID()}`, user.token).expect(404);
    await read('/auth/me', user.token).expect(200);
    const before = await readRefusals(api);

    const refused = await read('/orders', user.token).expect(429);

    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.type).toMatch(/\/problems\/too-many-requests$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A browser can read it, and no cache may keep it: the CORS and security headers come first.
    expect(refused.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(refused.headers['cache-control']).toBe('no-store');
    // Refused before routing: counted there, not routed to the orders.
    expect(await readRefusals(api)).toBe(before + 1);
  });

  it('counts every user on their own', async () => {
    const [reader, other] = [await createTestUser(api), await createTestUser(api)];
    for (let i = 0; i < READS; i++) await read('/orders', reader.token).expect(200);
    await read('/orders', reader.token).expect(429);
    await read('/orders', other.token).expect(200);
  });

  it('never counts a token that is not ours, so no one can spend another user’s reads; the guard answers it 401', async () => {
    const user = await createTestUser(api);
    const [header, payload] = user.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (let i = 0; i < READS + 2; i++) await read('/orders', forged).expect(401);
    await read('/orders', user.token).expect(200);
  });

  it('leaves reads without a token (the catalogue) and writes to their own rules', async () => {
    const user = await createTestUser(api);
    for (let i = 0; i < READS; i++) await read('/orders', user.token).expect(200);
    await api.http().get('/products').expect(200);
    await api.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', `"${randomUUID()}"`).send({}).expect(400);
  });
});
