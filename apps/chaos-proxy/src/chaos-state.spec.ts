import { DEFAULT_CHAOS_SETTINGS, parseSettingsPatch } from './chaos-settings';
import { ChaosState } from './chaos-state';

const RATES = { 'request-lost': 0.1, 'server-failure': 0.1, 'response-lost': 0.1, latency: 0 };

describe('ChaosState', () => {
  describe('decide(method, url)', () => {
    it('counts every request, draws only for eligible routes, and counts each fault', () => {
      const state = new ChaosState({ ...DEFAULT_CHAOS_SETTINGS, rates: RATES, seed: 5 });
      for (let i = 0; i < 1000; i++) state.decide('POST', '/orders');
      for (let i = 0; i < 500; i++) expect(state.decide('GET', '/products')).toBe('none');
      const { counts } = state.snapshot();
      expect(counts.requests).toBe(1500);
      expect(counts.eligible).toBe(1000);
      for (const kind of ['request-lost', 'server-failure', 'response-lost'] as const) {
        expect(counts[kind]).toBeGreaterThan(70);
        expect(counts[kind]).toBeLessThan(130);
      }
      expect(counts.latency).toBe(0);
    });

    it('gives eligible requests the same decisions for the same seed, whatever other traffic passes', () => {
      const run = (withOtherTraffic: boolean) => {
        const state = new ChaosState({ ...DEFAULT_CHAOS_SETTINGS, rates: RATES, seed: 9 });
        return Array.from({ length: 100 }, () => {
          if (withOtherTraffic) state.decide('GET', '/products');
          return state.decide('POST', '/orders');
        });
      };
      expect(run(true)).toEqual(run(false));
    });
  });

  describe('update(patch)', () => {
    it('merges rates, restarts the sequence on a new seed, and resets counts when asked', () => {
      const state = new ChaosState({ ...DEFAULT_CHAOS_SETTINGS, rates: RATES, seed: 3 });
      const first = Array.from({ length: 20 }, () => state.decide('POST', '/orders'));
      state.update({ seed: 3, rates: { latency: 0 }, resetCounts: true });
      expect(Array.from({ length: 20 }, () => state.decide('POST', '/orders'))).toEqual(first);
      expect(state.snapshot().counts.requests).toBe(20);
      expect(state.settings.rates).toEqual(RATES);
    });
  });
});

describe('parseSettingsPatch(body)', () => {
  it('accepts every field', () => {
    const patch = { rates: { latency: 0.1 }, latencyMs: 2000, routes: ['POST /orders', 'PUT /users/*'], seed: 7, resetCounts: true };
    expect(parseSettingsPatch(patch)).toEqual(patch);
  });

  it.each([
    [[], /expected a JSON object/],
    [{ rate: {} }, /unknown field\(s\): rate/],
    [{ rates: { latency: 2 } }, /latency must be a number in \[0, 1\]/],
    [{ latencyMs: -1 }, /latencyMs must be an integer/],
    [{ latencyMs: 1e9 }, /latencyMs must be an integer/],
    [{ routes: ['/orders'] }, /routes must be an array/],
    [{ seed: 1.5 }, /seed must be an integer/],
  ])('rejects %j', (body, message) => {
    expect(() => parseSettingsPatch(body)).toThrow(message);
  });
});
