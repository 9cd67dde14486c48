import { ClaimResult, STARTED } from '@safe-checkout/idempotency';
import { DuplicateWaiting, KEY_POLL_BACKOFF, keyPollDelayMs, preferredWaitSeconds } from './duplicate-waiting';

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

const REQUEST = { scope: 'alice', key: 'k1', fingerprint: 'f1' };

const CLAIMED: ClaimResult = {
  outcome: 'claimed',
  lease: { scope: 'alice', key: 'k1', leaseToken: 't1', leaseExpiresAt: new Date(0) },
  tookOver: false,
  resume: { recoveryPoint: STARTED, recoveryState: null },
};

/** A store's claim that answers when the test says so, counting its calls. */
function controlledClaims() {
  const answers: ((result: ClaimResult) => void)[] = [];
  const claimKey = jest.fn(() => new Promise<ClaimResult>((resolve) => answers.push(resolve)));
  return { claimKey, answer: (result: ClaimResult) => answers.splice(0).forEach((resolve) => resolve(result)) };
}

describe('DuplicateWaiting.claim(request, claimKey)', () => {
  it('makes one claim for duplicates that arrive while it runs, and only the first request holds the key; the others find it in progress', async () => {
    const duplicates = new DuplicateWaiting({ maxWaitSeconds: 10, maxWaiting: 1000 });
    const { claimKey, answer } = controlledClaims();
    const claims = Promise.all(Array.from({ length: 100 }, () => duplicates.claim(REQUEST, claimKey)));
    answer(CLAIMED);

    const [first, ...others] = await claims;
    expect(claimKey).toHaveBeenCalledTimes(1);
    expect(first).toBe(CLAIMED);
    for (const other of others) expect(other).toEqual({ outcome: 'in-progress', retryAfterSeconds: 1 });
  });

  it('gives every duplicate the shared answer when it is not a claim (a replay)', async () => {
    const duplicates = new DuplicateWaiting({ maxWaitSeconds: 10, maxWaiting: 1000 });
    const { claimKey, answer } = controlledClaims();
    const replay: ClaimResult = { outcome: 'replay', response: { status: 201, headers: {}, body: '{}' } };
    const claims = Promise.all([duplicates.claim(REQUEST, claimKey), duplicates.claim(REQUEST, claimKey)]);
    answer(replay);
    expect(await claims).toEqual([replay, replay]);
    expect(claimKey).toHaveBeenCalledTimes(1);
  });

  it('never shares between other keys, other scopes or other bodies (fingerprints)', () => {
    const duplicates = new DuplicateWaiting({ maxWaitSeconds: 10, maxWaiting: 1000 });
    const { claimKey } = controlledClaims();
    for (const request of [REQUEST, { ...REQUEST, key: 'k2' }, { ...REQUEST, scope: 'bob' }, { ...REQUEST, fingerprint: 'f2' }]) {
      void duplicates.claim(request, claimKey);
    }
    expect(claimKey).toHaveBeenCalledTimes(4);
  });

  it('keeps nothing once the claim settled: a request arriving after it asks the store again', async () => {
    const duplicates = new DuplicateWaiting({ maxWaitSeconds: 10, maxWaiting: 1000 });
    const { claimKey, answer } = controlledClaims();
    const first = duplicates.claim(REQUEST, claimKey);
    answer(CLAIMED);
    await first;
    void duplicates.claim(REQUEST, claimKey);
    expect(claimKey).toHaveBeenCalledTimes(2);
  });
});
