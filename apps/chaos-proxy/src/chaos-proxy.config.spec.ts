import { readChaosProxyConfig } from './chaos-proxy.config';

describe('readChaosProxyConfig(env)', () => {
  it('defaults to port 3334 on loopback, in front of the API on 3333, with no faults on POST /orders', () => {
    const config = readChaosProxyConfig({});
    expect(config).toMatchObject({ port: 3334, host: '127.0.0.1', upstreams: ['http://127.0.0.1:3333'] });
    expect(config.settings).toMatchObject({ routes: ['POST /orders'], latencyMs: 11_000, seed: 1 });
    expect(Object.values(config.settings.rates).every((rate) => rate === 0)).toBe(true);
    expect(config.corsOrigins).toContain('http://localhost:4200');
  });

  it('reads every variable', () => {
    const config = readChaosProxyConfig({
      PORT: '4000',
      UPSTREAMS: 'http://127.0.0.1:5001, http://127.0.0.1:5002/',
      CHAOS_RATES: 'request-lost=0.1,response-lost=0.2',
      CHAOS_LATENCY_MS: '2500',
      CHAOS_ROUTES: 'POST /orders, PUT /users/*',
      CHAOS_SEED: '42',
    });
    expect(config.port).toBe(4000);
    expect(config.upstreams).toEqual(['http://127.0.0.1:5001', 'http://127.0.0.1:5002']);
    expect(config.settings).toMatchObject({ latencyMs: 2500, routes: ['POST /orders', 'PUT /users/*'], seed: 42 });
    expect(config.settings.rates).toMatchObject({ 'request-lost': 0.1, 'response-lost': 0.2 });
  });

  it("allows the storefront's origins at STOREFRONT_PORT on the admin endpoint", () => {
    expect(readChaosProxyConfig({ STOREFRONT_PORT: '4203' }).corsOrigins).toEqual(['http://localhost:4203', 'http://127.0.0.1:4203']);
  });

  it('allows exactly CORS_ORIGINS when it is set', () => {
    expect(readChaosProxyConfig({ STOREFRONT_PORT: '4203', CORS_ORIGINS: 'https://shop.example.test' }).corsOrigins).toEqual(['https://shop.example.test']);
  });

  it('lists every bad variable in one error', () => {
    expect(() => readChaosProxyConfig({ PORT: 'x', CHAOS_RATES: 'latency=3', CHAOS_ROUTES: 'orders', STOREFRONT_PORT: '0' })).toThrow(
      /PORT[\s\S]*CHAOS_RATES[\s\S]*CHAOS_ROUTES[\s\S]*STOREFRONT_PORT/,
    );
  });
});
