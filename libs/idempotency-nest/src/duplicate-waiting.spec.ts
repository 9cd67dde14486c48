import { ClaimResult, STARTED } from '@safe-checkout/idempotency';
import { DuplicateWaiting } from './duplicate-waiting';

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
    const duplicates = new DuplicateWaiting();
    const { claimKey, answer } = controlledClaims();
    const claims = Promise.all(Array.from({ length: 100 }, () => duplicates.claim(REQUEST, claimKey)));
    answer(CLAIMED);

    const [first, ...others] = await claims;
    expect(claimKey).toHaveBeenCalledTimes(1);
    expect(first).toBe(CLAIMED);
    for (const other of others) expect(other).toEqual({ outcome: 'in-progress', retryAfterSeconds: 1 });
  });

  it('gives every duplicate the shared answer when it is not a claim (a replay)', async () => {
    const duplicates = new DuplicateWaiting();
    const { claimKey, answer } = controlledClaims();
    const replay: ClaimResult = { outcome: 'replay', response: { status: 201, headers: {}, body: '{}' } };
    const claims = Promise.all([duplicates.claim(REQUEST, claimKey), duplicates.claim(REQUEST, claimKey)]);
    answer(replay);
    expect(await claims).toEqual([replay, replay]);
    expect(claimKey).toHaveBeenCalledTimes(1);
  });

  it('never shares between other keys, other scopes or other bodies (fingerprints)', () => {
    const duplicates = new DuplicateWaiting();
    const { claimKey } = controlledClaims();
    for (const request of [REQUEST, { ...REQUEST, key: 'k2' }, { ...REQUEST, scope: 'bob' }, { ...REQUEST, fingerprint: 'f2' }]) {
      void duplicates.claim(request, claimKey);
    }
    expect(claimKey).toHaveBeenCalledTimes(4);
  });

  it('keeps nothing once the claim settled: a request arriving after it asks the store again', async () => {
    const duplicates = new DuplicateWaiting();
    const { claimKey, answer } = controlledClaims();
    const first = duplicates.claim(REQUEST, claimKey);
    answer(CLAIMED);
    await first;
    void duplicates.claim(REQUEST, claimKey);
    expect(claimKey).toHaveBeenCalledTimes(2);
  });
});
