import { backoffDelay, decorrelatedJitterDelay, equalJitterDelay, exponentialCap, fullJitterDelay, type BackoffOptions } from './backoff-delay';

const backoff: BackoffOptions = { baseDelayMs: 1000, maxDelayMs: 20_000 };
const LOWEST = () => 0;
const HIGHEST = () => 1 - Number.EPSILON;

/** Draws many samples over the whole [0, 1) range, extremes included. */
function samples(draw: (random: () => number) => number): number[] {
  const values = [LOWEST, HIGHEST].map((r) => draw(r));
  for (let i = 0; i < 500; i++) values.push(draw(Math.random));
  return values;
}

describe('exponentialCap(retry, backoff)', () => {
  it('makes the 4th retry cap 8 s when the base is 1 s (the spec example)', () => {
    expect(exponentialCap(4, backoff)).toBe(8000);
  });

  it('doubles from the base for each retry: 1 s, 2 s, 4 s, 8 s, 16 s', () => {
    expect([1, 2, 3, 4, 5].map((n) => exponentialCap(n, backoff))).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('never exceeds maxDelayMs, even for retries far beyond overflow', () => {
    expect(exponentialCap(6, backoff)).toBe(20_000);
    expect(exponentialCap(5000, backoff)).toBe(20_000);
  });
});

describe('fullJitterDelay(retry, backoff, random)', () => {
  it('stays within [0, cap]: the 4th retry waits between 0 and 8 s', () => {
    for (const delay of samples((r) => fullJitterDelay(4, backoff, r))) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(8000);
    }
    expect(fullJitterDelay(4, backoff, LOWEST)).toBe(0);
  });
});

describe('equalJitterDelay(retry, backoff, random)', () => {
  it('stays within [cap/2, cap]: the 4th retry waits between 4 and 8 s', () => {
    for (const delay of samples((r) => equalJitterDelay(4, backoff, r))) {
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
    expect(equalJitterDelay(4, backoff, LOWEST)).toBe(4000);
  });
});

describe('decorrelatedJitterDelay(previousDelayMs, backoff, random)', () => {
  it('stays within [base, min(maxDelay, 3 × previous)]', () => {
    for (const delay of samples((r) => decorrelatedJitterDelay(3000, backoff, r))) {
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(9000);
    }
    for (const delay of samples((r) => decorrelatedJitterDelay(15_000, backoff, r))) {
      expect(delay).toBeLessThanOrEqual(20_000);
    }
  });
});

describe("backoffDelay('none', retry, …)", () => {
  it('is exactly the cap, with no randomness at all', () => {
    const random = jest.fn(() => 0.5);
    expect(backoffDelay('none', 4, 1000, backoff, random)).toBe(8000);
    expect(random).not.toHaveBeenCalled();
  });
});

describe('backoffDelay(strategy, …)', () => {
  it('dispatches to the strategy of that name', () => {
    const half = () => 0.5;
    expect(backoffDelay('full', 2, 1000, backoff, half)).toBe(fullJitterDelay(2, backoff, half));
    expect(backoffDelay('equal', 2, 1000, backoff, half)).toBe(equalJitterDelay(2, backoff, half));
    expect(backoffDelay('decorrelated', 2, 1000, backoff, half)).toBe(decorrelatedJitterDelay(1000, backoff, half));
  });
});
