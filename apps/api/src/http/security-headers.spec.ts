import { createTestUser, startTestApi, TestApi } from '../testing/test-api';

// The API sends nosniff on every answer, and no-store on what a credentialed request gets.
describe('security headers on a real server', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi();
    token = (await createTestUser(api)).token;
  });
  afterAll(() => api.close());

  it('sends X-Content-Type-Options: nosniff on a public read, a problem, a preflight and /docs', async () => {
    const answers = await Promise.all([
      api.http().get('/products'),
      api.http().get('/no-such-route'),
      api.http().options('/orders').set('Origin', 'http://localhost:4200').set('Access-Control-Request-Method', 'POST'),
      api.http().get('/docs'),
    ]);
    expect(answers.map((answer) => answer.headers['x-content-type-options'])).toEqual(['nosniff', 'nosniff', 'nosniff', 'nosniff']);
  });

  it('sends Cache-Control: no-store on authenticated answers: a success, a 404 and a refused token', async () => {
    const answers = await Promise.all([
      api.http().get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200),
      api.http().get('/orders/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${token}`).expect(404),
      api.http().get('/auth/me').set('Authorization', 'Bearer not-a-token').expect(401),
    ]);
    expect(answers.map((answer) => answer.headers['cache-control'])).toEqual(['no-store', 'no-store', 'no-store']);
    expect(answers[0].headers['x-content-type-options']).toBe('nosniff');
  });

  it('leaves the public catalog cacheable (no no-store without Authorization)', async () => {
    const response = await api.http().get('/products').expect(200);
    expect(response.headers['cache-control'] ?? '').not.toContain('no-store');
  });

  it('serves /docs under a CSP that allows its same-origin scripts and does not upgrade them to https', async () => {
    const response = await api.http().get('/docs').expect(200);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Every script the page loads is a same-origin file, which script-src 'self' allows.
    const scripts = [...response.text.matchAll(/<script([^>]*)>/g)].map(([, attributes]) => attributes);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((attributes) => /src=['"](\.\/|\/docs\/)/.test(attributes))).toBe(true);
  });
});

describe('CORS follows the storefront origin', () => {
  const preflight = (api: TestApi, origin: string) =>
    api
      .http()
      .options('/orders')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,idempotency-key');

  it('with STOREFRONT_PORT=4203, allows http://localhost:4203 and http://127.0.0.1:4203, and not 4200', async () => {
    const api = await startTestApi({ STOREFRONT_PORT: '4203' });
    try {
      for (const origin of ['http://localhost:4203', 'http://127.0.0.1:4203']) {
        expect((await preflight(api, origin)).headers['access-control-allow-origin']).toBe(origin);
      }
      expect((await preflight(api, 'http://localhost:4200')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  it('with CORS_ORIGINS set, allows exactly those origins, whatever STOREFRONT_PORT says', async () => {
    const api = await startTestApi({ STOREFRONT_PORT: '4203', CORS_ORIGINS: 'https://shop.example.test' });
    try {
      expect((await preflight(api, 'https://shop.example.test')).headers['access-control-allow-origin']).toBe('https://shop.example.test');
      expect((await preflight(api, 'http://localhost:4203')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.close();
    }
  });
});
