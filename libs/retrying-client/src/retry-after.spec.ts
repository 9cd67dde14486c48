import { parseRetryAfterMs, retryAfterDelay } from './retry-after';

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

describe('parseRetryAfterMs(value, nowMs)', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfterMs('5', NOW)).toBe(5000);
    expect(parseRetryAfterMs(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP-date as the time left until then', () => {
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', NOW)).toBe(5000);
  });

  it('reads an HTTP-date in the past as "retry now"', () => {
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', NOW)).toBe(0);
  });

  it('ignores absent, negative, fractional and unreadable values', () => {
    for (const value of [undefined, '', '-1', '1.5', 'soon', 'Someday']) {
      expect(parseRetryAfterMs(value, NOW)).toBeUndefined();
    }
  });
});

describe('retryAfterDelay(hintMs, maxDelayMs, random)', () => {
  it('adds a uniform extra of up to 20 % of the hint on top of it', () => {
    expect(retryAfterDelay(5000, 20_000, () => 0)).toBe(5000);
    expect(retryAfterDelay(5000, 20_000, () => 0.5)).toBe(5500);
    expect(retryAfterDelay(5000, 20_000, () => 1 - Number.EPSILON)).toBeLessThanOrEqual(6000);
  });

  it('clamps the hint to maxDelayMs before adding the jitter', () => {
    expect(retryAfterDelay(3_600_000, 20_000, () => 0)).toBe(20_000);
    expect(retryAfterDelay(3_600_000, 20_000, () => 0.5)).toBe(22_000);
  });
});
