import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { backoffRows, checkoutColumnHeading, longestTotalWaitMs } from './backoff-rows';

describe('backoffRows(policy, upTo)', () => {
  it('when the base is 1 unit, gives the textbook caps 1, 2, 4, 8: the 4th retry waits up to 2^3 = 8 units', () => {
    expect(backoffRows({ retries: 4, baseDelayMs: 1, maxDelayMs: 1_000, jitter: 'full' }).map((r) => [r.textbookUnits, r.capMs])).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
      [8, 8],
    ]);
  });

  it('when the policy caps the longest wait, never goes above it', () => {
    expect(backoffRows({ retries: 5, baseDelayMs: 1_000, maxDelayMs: 3_000, jitter: 'full' }, 5).map((r) => r.capMs)).toEqual([
      1_000, 2_000, 3_000, 3_000, 3_000,
    ]);
  });

  it('when the policy makes fewer retries than shown, marks the others not made', () => {
    expect(backoffRows({ retries: 2, baseDelayMs: 1_000, maxDelayMs: 8_000, jitter: 'full' }).map((r) => r.made)).toEqual([true, true, false, false]);
  });

  it("with the checkout's own policy, gives caps of 1, 2 and 4 s and no 4th retry", () => {
    expect(backoffRows(CHECKOUT_RETRY_POLICY)).toEqual([
      { retry: 1, textbookUnits: 1, capMs: 1_000, made: true },
      { retry: 2, textbookUnits: 2, capMs: 2_000, made: true },
      { retry: 3, textbookUnits: 4, capMs: 4_000, made: true },
      { retry: 4, textbookUnits: 8, capMs: 8_000, made: false },
    ]);
  });
});

describe('longestTotalWaitMs(policy)', () => {
  it('adds up the caps of the retries the policy makes', () => {
    expect(longestTotalWaitMs({ retries: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, jitter: 'full' })).toBe(7_000);
  });
});

describe('checkoutColumnHeading(policy)', () => {
  it("names the checkout's base and its number of retries, so no row contradicts it", () => {
    expect(checkoutColumnHeading(CHECKOUT_RETRY_POLICY)).toBe(`This checkout: base 1.00 s, ${CHECKOUT_RETRY_POLICY.retries} retries`);
    expect(checkoutColumnHeading({ retries: 1, baseDelayMs: 500, maxDelayMs: 8_000, jitter: 'full' })).toBe('This checkout: base 0.50 s, 1 retry');
  });

  it('does not quote maxDelayMs, which no retry the checkout makes reaches', () => {
    expect(checkoutColumnHeading({ ...CHECKOUT_RETRY_POLICY, maxDelayMs: 12_345 })).not.toMatch(/12/);
  });
});
