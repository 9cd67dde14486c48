import { afterFailedAttempt } from './delivery-schedule';
import { WEBHOOK_DELIVERY_DEFAULTS } from './webhook-delivery-config';

const config = { ...WEBHOOK_DELIVERY_DEFAULTS, maxAttempts: 5, retryBaseDelayMs: 1000, retryMaxDelayMs: 6000 };
const highest = () => 1 - Number.EPSILON;

describe('afterFailedAttempt(attempts, retryAfterMs, config)', () => {
  it('waits up to base · 2^(attempt-1), capped by the longest delay (full jitter)', () => {
    expect([1, 2, 3, 4].map((attempt) => afterFailedAttempt(attempt, undefined, config, highest))).toEqual([
      { giveUp: false, delayMs: 1000 },
      { giveUp: false, delayMs: 2000 },
      { giveUp: false, delayMs: 4000 },
      { giveUp: false, delayMs: 6000 },
    ]);
    expect(afterFailedAttempt(3, undefined, config, () => 0.25)).toEqual({ giveUp: false, delayMs: 1000 });
  });

  it('gives up once the bounded attempts were made', () => {
    expect(afterFailedAttempt(5, undefined, config, highest)).toEqual({ giveUp: true });
  });

  it("waits for the receiver's Retry-After when it is longer, clamped to the longest delay before its jitter", () => {
    const retryAfter = afterFailedAttempt(1, 3000, config, () => 0);
    expect(retryAfter).toEqual({ giveUp: false, delayMs: 3000 });
    expect(afterFailedAttempt(1, 3_600_000, config, () => 0)).toEqual({ giveUp: false, delayMs: 6000 });
    // Up to 20 % on top, so that receivers' hints do not bring every retry back at once.
    expect(afterFailedAttempt(1, 3_600_000, config, highest)).toEqual({ giveUp: false, delayMs: 7200 });
  });

  it('retries a refused delivery within a minute by default', () => {
    const { delayMs } = afterFailedAttempt(1, undefined, WEBHOOK_DELIVERY_DEFAULTS, highest) as { delayMs: number };
    expect(delayMs).toBeLessThanOrEqual(60_000);
  });
});
