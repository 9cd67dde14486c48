import type { ChaosStatus } from '@/lib/chaos/chaos-admin';
import { isSlowShop, SLOW_ANSWER_HOLD_MS, SLOW_SHOP_HOLD_MS, SLOW_SHOP_OFF, SLOW_SHOP_ON } from './slow-shop';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';

const NO_FAULTS = { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 };
const status = (ratePercent: ChaosStatus['ratePercent'], latencyMs: number): ChaosStatus => ({
  ratePercent,
  latencyMs,
  routes: ['POST /orders'],
  counts: { ...NO_FAULTS, requests: 0, eligible: 0, 'upstream-errors': 0 },
});

describe('the slow shop', () => {
  it('SLOW_SHOP_ON holds every order attempt 2 s and turns every other fault off', () => {
    expect(SLOW_SHOP_ON).toEqual({ ratePercent: { ...NO_FAULTS, latency: 100 }, latencyMs: 2_000 });
  });

  it('holds requests well inside the client’s per-attempt timeout, so that nothing times out or retries', () => {
    expect(SLOW_SHOP_HOLD_MS).toBeLessThan(CHECKOUT_RETRY_POLICY.attemptTimeoutMs / 2);
  });

  it('SLOW_SHOP_OFF turns the latency off and gives Slow answer a hold longer than the client waits for one attempt', () => {
    expect(SLOW_SHOP_OFF).toEqual({ ratePercent: { latency: 0 }, latencyMs: SLOW_ANSWER_HOLD_MS });
    expect(SLOW_ANSWER_HOLD_MS).toBeGreaterThan(CHECKOUT_RETRY_POLICY.attemptTimeoutMs);
  });

  it.each([
    { name: 'set as SLOW_SHOP_ON sets it', proxy: status({ ...NO_FAULTS, latency: 100 }, 2_000), slow: true },
    { name: 'all faults off', proxy: status(NO_FAULTS, 2_000), slow: false },
    { name: 'Slow answer at 100 % with its timeout-sized hold', proxy: status({ ...NO_FAULTS, latency: 100 }, 11_000), slow: false },
    { name: 'another fault on beside a 2 s hold', proxy: status({ ...NO_FAULTS, latency: 90, 'request-lost': 10 }, 2_000), slow: false },
  ])('isSlowShop: when the proxy has $name, says $slow', ({ proxy, slow }) => {
    expect(isSlowShop(proxy)).toBe(slow);
  });
});
