import { faultForDraw, isFaultableRoute } from './fault-decision';
import { type FaultRates, NO_FAULTS } from './fault-rates';
import { createSeededRandom } from './seeded-random';

const RATES: FaultRates = { 'request-lost': 0.1, 'server-failure': 0.1, 'response-lost': 0.1, latency: 0.05 };

describe('faultForDraw(rates, u)', () => {
  it('lays the rates end to end on [0, 1) in FAULT_KINDS order', () => {
    expect(faultForDraw(RATES, 0)).toBe('request-lost');
    expect(faultForDraw(RATES, 0.0999)).toBe('request-lost');
    expect(faultForDraw(RATES, 0.1)).toBe('server-failure');
    expect(faultForDraw(RATES, 0.2)).toBe('response-lost');
    expect(faultForDraw(RATES, 0.31)).toBe('latency');
    expect(faultForDraw(RATES, 0.36)).toBe('none');
    expect(faultForDraw(RATES, 0.9999)).toBe('none');
  });

  it('never injects with no faults, always with rates adding up to 1', () => {
    expect(faultForDraw(NO_FAULTS, 0)).toBe('none');
    expect(faultForDraw({ ...NO_FAULTS, 'response-lost': 1 }, 0.9999)).toBe('response-lost');
  });

  describe('when fed by a seeded generator', () => {
    const decisions = (seed: number, n: number) => Array.from({ length: n }, createSeededRandom(seed)).map((u) => faultForDraw(RATES, u));

    it('repeats the same decisions for the same seed', () => {
      expect(decisions(42, 200)).toEqual(decisions(42, 200));
    });

    it('injects each fault at its rate, within sampling error', () => {
      const all = decisions(42, 100_000);
      const share = (kind: string) => all.filter((d) => d === kind).length / all.length;
      expect(share('request-lost')).toBeCloseTo(0.1, 2);
      expect(share('server-failure')).toBeCloseTo(0.1, 2);
      expect(share('response-lost')).toBeCloseTo(0.1, 2);
      expect(share('latency')).toBeCloseTo(0.05, 2);
      expect(share('none')).toBeCloseTo(0.65, 2);
    });
  });
});

describe('isFaultableRoute(routes, method, url)', () => {
  it('matches method and exact path, ignoring the query', () => {
    expect(isFaultableRoute(['POST /orders'], 'POST', '/orders')).toBe(true);
    expect(isFaultableRoute(['POST /orders'], 'post', '/orders?x=1')).toBe(true);
    expect(isFaultableRoute(['POST /orders'], 'GET', '/orders')).toBe(false);
    expect(isFaultableRoute(['POST /orders'], 'POST', '/orders/1')).toBe(false);
  });

  it('matches every path under a prefix ending in *', () => {
    expect(isFaultableRoute(['PUT /users/*'], 'PUT', '/users/42')).toBe(true);
    expect(isFaultableRoute(['PUT /users/*'], 'PUT', '/orders')).toBe(false);
  });

  it('matches nothing with no routes', () => {
    expect(isFaultableRoute([], 'POST', '/orders')).toBe(false);
  });
});
