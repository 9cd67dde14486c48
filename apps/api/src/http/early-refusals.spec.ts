import { randomUUID } from 'node:crypto';
import { startTestApi, TestApi } from '../testing/test-api';

// The address comes through X-Forwarded-For, believed because 127.0.0.1 is trusted: a fresh one
// per test, since every suite logs in from 127.0.0.1 itself.
const LIMITS = { LOGIN_ATTEMPTS_PER_ADDRESS: '2', LOGIN_ADDRESS_WINDOW_SECONDS: '60', TRUSTED_PROXIES: '127.0.0.1,::1' };
const ORIGIN = 'http://localhost:3000';

function freshAddress(): string {
  const bytes = randomUUID().replace(/-/g, '');
  return `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16)}`;
}

/** `http_early_refusals_total` for `reason`, as /metrics shows it (0 before the first). */
async function earlyRefusals(api: TestApi, reason: string): Promise<number> {
  const { text } = await api.http().get('/metrics').expect(200);
  const line = text.split('\n').find((l) => l.startsWith(`http_early_refusals_total{reason="${reason}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('refusals answered from the request line and headers, before the body is read or the request routed', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ ...LIMITS, CORS_ORIGINS: ORIGIN })));
  afterAll(() => api.close());

  const login = (address: string, body: string | object) =>
    api.http().post('/auth/login').set('X-Forwarded-For', address).set('Origin', ORIGIN).set('Content-Type', 'application/json').send(body);

  it('answers a login from an address refused in this window 429 before reading its body, so even a malformed one costs no parsing', async () => {
    const address = freshAddress();
    await login(address, { email: `nobody-${randomUUID()}@example.test`, password: 'x' }).expect(401);
    await login(address, { email: `nobody-${randomUUID()}@example.test`, password: 'x' }).expect(401);
    await login(address, { email: `nobody-${randomUUID()}@example.test`, password: 'x' }).expect(429);
    const before = await earlyRefusals(api, 'login-address-limit');

    // Read and parsed, this body would be 400 malformed-json.
    const refused = await login(address, '{"email":').expect(429);

    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.type).toMatch(/\/problems\/too-many-requests$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A browser can read it: the CORS and security headers come first.
    expect(refused.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(await earlyRefusals(api, 'login-address-limit')).toBe(before + 1);
  });

  it('leaves other addresses, and the refused address’s other routes, to the routes', async () => {
    const address = freshAddress();
    for (let i = 0; i < 3; i++) await login(address, { email: `nobody-${randomUUID()}@example.test`, password: 'x' });
    await login(freshAddress(), '{"email":').expect(400);
    await api.http().get('/products').set('X-Forwarded-For', address).expect(200);
  });

  it('refuses an announced body over the limit 413 before routing, on any path', async () => {
    const before = await earlyRefusals(api, 'announced-length');
    const refused = await api
      .http()
      .post('/no-such-route')
      .set('Content-Type', 'application/json')
      .send({ padding: 'x'.repeat(20_000) });
    expect(refused.status).toBe(413);
    expect(refused.body.type).toMatch(/\/problems\/payload-too-large$/);
    expect(await earlyRefusals(api, 'announced-length')).toBe(before + 1);
  });
});
