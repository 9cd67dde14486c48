import { toChargeAttemptsView } from './charge-attempts.representation';

const ORDER_ID = '6f1c1a0e-9a55-4c63-a1f3-3d3b7b0c2f10';

describe('toChargeAttemptsView(orderId, recorded)', () => {
  it('when a run was recorded, gives the derived key and each attempt with its wait (basis, cap, Retry-After) nested', () => {
    const recorded = [
      {
        idempotencyKey: `safe-checkout-order-${ORDER_ID}`,
        startedAt: '2026-11-30T12:00:00.000Z',
        result: 'invalid_payment_method',
        attempts: [
          {
            attempt: 1,
            verdict: 'ambiguous',
            status: 503,
            reason: 'http:503',
            durationMs: 12,
            waitMs: 2_150,
            waitBasis: 'retry-after',
            waitCapMs: 200,
            retryAfterMs: 2_000,
          },
          { attempt: 2, verdict: 'definite', status: 400, reason: 'http:400', durationMs: 9 },
        ],
        stopReason: 'not-retryable',
      },
    ];

    expect(toChargeAttemptsView(ORDER_ID, recorded)).toEqual({
      idempotencyKey: `safe-checkout-order-${ORDER_ID}`,
      runs: [
        {
          startedAt: '2026-11-30T12:00:00.000Z',
          result: 'invalid_payment_method',
          stopReason: 'not-retryable',
          attempts: [
            {
              attempt: 1,
              verdict: 'ambiguous',
              status: 503,
              reason: 'http:503',
              durationMs: 12,
              wait: { delayMs: 2_150, basis: 'retry-after', capMs: 200, retryAfterMs: 2_000 },
            },
            { attempt: 2, verdict: 'definite', status: 400, reason: 'http:400', durationMs: 9 },
          ],
        },
      ],
    });
  });

  it('when nothing was recorded yet, gives the derived key and no runs', () => {
    expect(toChargeAttemptsView(ORDER_ID, [])).toEqual({ idempotencyKey: `safe-checkout-order-${ORDER_ID}`, runs: [] });
  });

  it('when the record is not of the recorded shape, leaves it out instead of making values up', () => {
    const recorded = [
      { key: 'k', attempts: [{ attempt: 1, verdict: 'succeeded' }] },
      { startedAt: 'x', result: 'succeeded', attempts: [{ attempt: 'one' }] },
    ];
    expect(toChargeAttemptsView(ORDER_ID, recorded).runs).toEqual([{ startedAt: 'x', result: 'succeeded', attempts: [] }]);
    expect(toChargeAttemptsView(ORDER_ID, { not: 'a list' }).runs).toEqual([]);
  });
});
