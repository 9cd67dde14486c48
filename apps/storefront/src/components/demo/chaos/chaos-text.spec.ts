import type { ChaosStatus } from '@/lib/chaos/chaos-admin';
import { describeRates, faultsBadge } from './chaos-text';

const status = (ratePercent: ChaosStatus['ratePercent']): ChaosStatus => ({
  ratePercent,
  latencyMs: 11_000,
  routes: [],
  counts: { requests: 0, eligible: 0, 'upstream-errors': 0, 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 },
});
const OFF = status({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 });
const ON = status({ 'request-lost': 20, 'server-failure': 0, 'response-lost': 10, latency: 0 });

describe('faultsBadge(status, hop)', () => {
  it('for the browser → API hop, says "Faults off" or the share of order attempts, as it always has', () => {
    expect(faultsBadge(OFF, 'browser-api')).toEqual({ text: 'Faults off', tone: 'ok' });
    expect(faultsBadge(ON, 'browser-api')).toEqual({ text: 'Faults on: 30 % of order attempts', tone: 'warn' });
  });

  it('for the browser → API hop with the slow shop alone, names the slow shop, not a fault on every attempt', () => {
    const slowShop = { ...status({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 100 }), latencyMs: 2_000 };
    expect(faultsBadge(slowShop, 'browser-api')).toEqual({ text: 'Slow shop: orders held 2 s, no faults', tone: 'info' });
  });

  it('for the browser → API hop with Slow answer at its own hold, still counts it as a fault', () => {
    expect(faultsBadge(status({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 100 }), 'browser-api')).toEqual({
      text: 'Faults on: 100 % of order attempts',
      tone: 'warn',
    });
  });

  it('for the API → payment provider hop, names the hop and counts charge attempts', () => {
    expect(faultsBadge(OFF, 'api-provider')).toEqual({ text: 'API → provider: faults off', tone: 'ok' });
    expect(faultsBadge(ON, 'api-provider')).toEqual({ text: 'API → provider: 30 % of charge attempts', tone: 'warn' });
  });
});

describe('describeRates(status, hop)', () => {
  it('names the faults that are on in the words of their hop', () => {
    expect(describeRates(ON, 'browser-api')).toBe('request lost 20 %, response lost 10 %');
    expect(describeRates(ON, 'api-provider')).toBe('charge request lost 20 %, charge response lost 10 %');
    expect(describeRates(OFF, 'api-provider')).toBe('no faults: every request passes untouched');
  });
});
