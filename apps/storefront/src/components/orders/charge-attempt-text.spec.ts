import { chargeAttemptOutcome } from './charge-attempt-text';

describe('chargeAttemptOutcome(attempt)', () => {
  it.each([
    [{ verdict: 'succeeded', status: 200 }, 'charged'],
    [{ verdict: 'succeeded', status: 200, replayed: true }, 'replayed'],
    [{ verdict: 'definite', status: 402, reason: 'http:402' }, 'declined'],
    [{ verdict: 'definite', status: 400, reason: 'http:400' }, 'rejected'],
    [{ verdict: 'ambiguous', reason: 'timeout' }, 'timed-out'],
    [{ verdict: 'ambiguous', status: 409, reason: 'http:409-in-progress' }, 'in-progress'],
    [{ verdict: 'ambiguous', status: 500, reason: 'http:500' }, 'server-error'],
    [{ verdict: 'ambiguous', reason: 'network:ECONNREFUSED' }, 'dropped'],
  ] as const)('when the attempt is %j, is %s', (attempt, outcome) => {
    expect(chargeAttemptOutcome(attempt)).toBe(outcome);
  });
});
