import {
  backoffDelay,
  decorrelatedJitterDelay,
  equalJitterDelay,
  exponentialCap,
  fullJitterDelay,
  proportionalJitterDelay,
  type BackoffOptions,
} from './backoff-delay';

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

describe('proportionalJitterDelay(retry, backoff, random)', () => {
  it('stays within the cap ± 25 % by default: the 2nd retry waits between 1.5 and 2.5 s (the seed example)', () => {
    for (const delay of samples((r) => proportionalJitterDelay(2, backoff, r))) {
      expect(delay).toBeGreaterThanOrEqual(1500);
      expect(delay).toBeLessThanOrEqual(2500);
    }
    expect(proportionalJitterDelay(2, backoff, LOWEST)).toBe(1500);
    expect(proportionalJitterDelay(2, backoff, HIGHEST)).toBeCloseTo(2500);
  });

  it('takes its spread from jitterSpread: ±20 % (gRPC) keeps the 4th retry between 6.4 and 9.6 s', () => {
    const grpc = { ...backoff, jitterSpread: 0.2 };
    for (const delay of samples((r) => proportionalJitterDelay(4, grpc, r))) {
      expect(delay).toBeGreaterThanOrEqual(6400);
      expect(delay).toBeLessThanOrEqual(9600);
    }
  });

  it('is exactly the cap with a spread of 0', () => {
    expect(proportionalJitterDelay(3, { ...backoff, jitterSpread: 0 }, Math.random)).toBe(4000);
  });

  it('never exceeds maxDelayMs, and still spreads the draws below it instead of piling them on it', () => {
    // The 5th retry's cap is 16 s: ± 25 % is 12–20 s once 20 s is the ceiling.
    const delays = samples((r) => proportionalJitterDelay(5, backoff, r));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(12_000);
      expect(delay).toBeLessThanOrEqual(20_000);
    }
    expect(delays.filter((d) => d === 20_000).length).toBeLessThanOrEqual(1);
    // Beyond the ceiling the range is [cap · 0.75, maxDelay]: 15–20 s.
    expect(proportionalJitterDelay(6, backoff, LOWEST)).toBe(15_000);
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
    expect(backoffDelay('proportional', 2, 1000, backoff, () => 0)).toBe(proportionalJitterDelay(2, backoff, () => 0));
  });
});
