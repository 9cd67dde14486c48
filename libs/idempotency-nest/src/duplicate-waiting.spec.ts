import { KEY_POLL_BACKOFF, keyPollDelayMs, preferredWaitSeconds } from './duplicate-waiting';

describe('keyPollDelayMs(poll, random)', () => {
  const lowest = () => 0;
  const highest = () => 1 - Number.EPSILON;

  it('starts at the base delay, ±25 %', () => {
    expect(keyPollDelayMs(1, lowest)).toBeCloseTo(KEY_POLL_BACKOFF.baseDelayMs * 0.75);
    expect(keyPollDelayMs(1, () => 0.5)).toBeCloseTo(KEY_POLL_BACKOFF.baseDelayMs);
    expect(keyPollDelayMs(1, highest)).toBeCloseTo(KEY_POLL_BACKOFF.baseDelayMs * 1.25);
  });

  it('doubles with each poll', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((poll) => keyPollDelayMs(poll, middle))).toEqual([50, 100, 200, 400]);
  });

  it('never exceeds the cap, however long the wait, and stays spread below it', () => {
    for (const poll of [5, 10, 1_000]) {
      expect(keyPollDelayMs(poll, highest)).toBeLessThanOrEqual(KEY_POLL_BACKOFF.maxDelayMs);
      expect(keyPollDelayMs(poll, lowest)).toBeCloseTo(KEY_POLL_BACKOFF.maxDelayMs * 0.75);
    }
  });

  it('draws different pauses for duplicates that started together', () => {
    const pauses = new Set(Array.from({ length: 20 }, () => keyPollDelayMs(3)));
    expect(pauses.size).toBeGreaterThan(1);
  });
});

describe('preferredWaitSeconds(raw)', () => {
  it.each<[string | string[] | undefined, number | undefined]>([
    ['wait=10', 10],
    ['Wait = 5', 5],
    ['respond-async, wait=3', 3],
    ['wait="7"', 7],
    ['wait=4; foo=bar', 4],
    [['return=minimal', 'wait=2'], 2],
    ['wait=0', 0],
    ['wait=1, wait=9', 1],
  ])('reads %j as %j seconds', (raw, seconds) => {
    expect(preferredWaitSeconds(raw)).toBe(seconds);
  });

  it.each<[string | string[] | undefined]>([
    [undefined],
    [''],
    ['respond-async'],
    ['wait'],
    ['wait=-1'],
    ['wait=1.5'],
    ['wait=abc'],
    ['wait=9999999999'],
    [[]],
  ])('finds no wait preference in %j', (raw) => {
    expect(preferredWaitSeconds(raw)).toBeUndefined();
  });
});
