import type { CheckoutLoadResult } from './checkout-load';
import { capacityFigures, capacityRatio, percentile, statusCounts, summaryLine, type BesideRun } from './capacity-report';

const load = (checkoutsPerSecond: number): CheckoutLoadResult => ({ checkoutsPerSecond, p50Ms: 0, p99Ms: 0, statusCodes: {}, errors: 0 });
const beside = (name: BesideRun['abuse']['name'], checkoutsPerSecond: number): BesideRun => ({
  abuse: { name, description: name },
  load: load(checkoutsPerSecond),
  result: { requests: 0, seconds: 1, statusCodes: {}, errors: 0 },
});

describe('capacityRatio(beside, aloneBefore, aloneAfter)', () => {
  it('divides by the mean of the windows alone around the abuse', () => {
    expect(capacityRatio(30, 50, 70)).toBe(0.5);
  });
  it('is NaN when the checkouts alone made nothing (no ratio to report)', () => {
    expect(capacityRatio(10, 0, 0)).toBeNaN();
  });
});

describe('capacityFigures(alones, besides)', () => {
  it('brackets each abuse window by the alone windows just before and after it', () => {
    const figures = capacityFigures([load(60), load(40), load(50)], [beside('login', 25), beside('list', 45)]);
    expect(figures).toEqual({ login: 0.5, list: 1 });
  });
  it('refuses alone windows that do not bracket every abuse', () => {
    expect(() => capacityFigures([load(60)], [beside('login', 25)])).toThrow('need 2 alone windows');
  });
});

describe('summaryLine(figures, recovery)', () => {
  it('lists every capacity figure in order with 2 decimals, then recovery', () => {
    const line = summaryLine({ login: 0.18, fat_body: 0.0885, list: 0.04, slow_body: 1.004, waiters: 0.9 }, { backlogSeconds: 56.04, promiseSeconds: 10 });
    expect(line).toBe(
      'capacity_login=0.18 capacity_fat_body=0.09 capacity_list=0.04 capacity_slow_body=1.00 capacity_waiters=0.90 recovery_backlog_s=56.0 recovery_promise_s=10',
    );
  });
  it('writes NaN for an abuse that was not measured, keeping every name', () => {
    expect(summaryLine({ login: 1 }, { backlogSeconds: 0, promiseSeconds: 10 })).toContain('capacity_list=NaN');
  });
});

describe('percentile(values, p)', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100)]).toEqual([50, 99, 100]);
  });
  it('is 0 for no values', () => {
    expect(percentile([], 50)).toBe(0);
  });
});

describe('statusCounts(statusCodes, errors)', () => {
  it('sorts the codes and adds the errors', () => {
    expect(statusCounts({ '429': 3, '201': 80 }, 2)).toBe('201×80, 429×3, errors 2');
  });
  it('says none when nothing answered', () => {
    expect(statusCounts({})).toBe('none');
  });
});
