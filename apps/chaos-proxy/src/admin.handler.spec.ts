import { type ChaosProxy, createChaosProxy } from './chaos-proxy';
import { httpRequest } from './testing/http-request';

const STOREFRONT = 'http://localhost:4200';

describe('the admin endpoint /__chaos', () => {
  let proxy: ChaosProxy;
  let admin: string;

  beforeEach(async () => {
    // No upstream listens on port 9: the admin endpoint must not need one.
    proxy = createChaosProxy({ upstreams: ['http://127.0.0.1:9'], settings: { seed: 4 }, corsOrigins: [STOREFRONT] });
    admin = `http://127.0.0.1:${await proxy.listen(0)}/__chaos`;
  });
  afterEach(() => proxy.close());

  const put = (body: unknown) =>
    httpRequest(admin, { method: 'PUT', headers: { 'content-type': 'application/json', origin: STOREFRONT }, body: JSON.stringify(body) });

  it('GET shows the settings and the counts', async () => {
    const result = await httpRequest(admin);
    expect(result).toMatchObject({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(JSON.parse((result as { body: string }).body)).toEqual({
      rates: { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 },
      latencyMs: 11_000,
      routes: ['POST /orders'],
      seed: 4,
      counts: { requests: 0, eligible: 0, 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0, 'upstream-errors': 0 },
    });
  });

  it('PUT changes the rates (merged) and answers with the new settings', async () => {
    const result = await put({ rates: { 'response-lost': 0.25 }, latencyMs: 1500 });
    expect(result).toMatchObject({ status: 200, headers: { 'access-control-allow-origin': STOREFRONT } });
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({ rates: { 'response-lost': 0.25, 'request-lost': 0 }, latencyMs: 1500 });
    expect(proxy.state.settings.rates['response-lost']).toBe(0.25);
  });

  it('PUT with an invalid patch answers 400 problem+json and changes nothing', async () => {
    const result = await put({ rates: { 'request-lost': 0.7, 'response-lost': 0.7 } });
    expect(result).toMatchObject({ status: 400, headers: { 'content-type': 'application/problem+json' } });
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({ status: 400, detail: expect.stringMatching(/add up to 1.4/) });
    expect(proxy.state.settings.rates['request-lost']).toBe(0);
    expect(await httpRequest(admin, { method: 'PUT', body: '{nope' })).toMatchObject({ status: 400 });
  });

  it('answers the CORS preflight of the storefront, and no other origin', async () => {
    const preflight = (origin: string) =>
      httpRequest(admin, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    expect(await preflight(STOREFRONT)).toMatchObject({
      status: 204,
      headers: {
        'access-control-allow-origin': STOREFRONT,
        'access-control-allow-methods': 'GET, PUT, OPTIONS',
        'access-control-allow-headers': 'Content-Type',
      },
    });
    const other = await preflight('http://evil.example');
    expect((other as { headers: Record<string, unknown> }).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses other methods with 405', async () => {
    expect(await httpRequest(admin, { method: 'DELETE' })).toMatchObject({ status: 405, headers: { allow: 'GET, PUT, OPTIONS' } });
  });
});
