import { outcomeOf, toChargeAttempts, type ChargeAttemptsDto } from './charge-attempts-wire';

const KEY = 'safe-checkout-order-6f1c1a0e-9a55-4c63-a1f3-3d3b7b0c2f10';

describe('toChargeAttempts(dto)', () => {
  it('when a run had no answer and the next was replayed, gives each attempt its outcome and wait, and the runs their results', () => {
    const dto: ChargeAttemptsDto = {
      idempotencyKey: KEY,
      runs: [
        {
          startedAt: '2026-11-30T12:00:00.000Z',
          result: 'unknown',
          stopReason: 'retries-exhausted',
          attempts: [
            { attempt: 1, verdict: 'ambiguous', reason: 'network:ECONNRESET', durationMs: 20, wait: { delayMs: 131, basis: 'backoff', capMs: 200 } },
            { attempt: 2, verdict: 'ambiguous', reason: 'network:ECONNRESET', durationMs: 18 },
          ],
        },
        {
          startedAt: '2026-11-30T12:00:03.000Z',
          result: 'invalid_payment_method',
          attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, replayed: true, durationMs: 30 }],
        },
      ],
    };

    expect(toChargeAttempts(dto)).toEqual({
      key: KEY,
      runs: [
        {
          startedAt: '2026-11-30T12:00:00.000Z',
          result: 'unknown',
          gaveUp: 'retries-exhausted',
          attempts: [
            { attempt: 1, outcome: 'dropped', reason: 'network:ECONNRESET', durationMs: 20, wait: { delayMs: 131, basis: 'backoff', capMs: 200 } },
            { attempt: 2, outcome: 'dropped', reason: 'network:ECONNRESET', durationMs: 18 },
          ],
        },
        {
          startedAt: '2026-11-30T12:00:03.000Z',
          result: 'invalid-payment-method',
          attempts: [{ attempt: 1, outcome: 'replayed', status: 200, durationMs: 30 }],
        },
      ],
    });
  });
});

describe('outcomeOf(attempt)', () => {
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
    expect(outcomeOf(attempt)).toBe(outcome);
  });
});
