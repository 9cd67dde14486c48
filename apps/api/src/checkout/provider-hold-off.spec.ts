import { RetryingClientError } from '@safe-checkout/retrying-client';
import { AxiosError } from 'axios';
import { MAX_PROVIDER_HOLD_OFF_MS, ProviderHoldOff, SPENT_BUDGET_HOLD_OFF_MS } from './provider-hold-off';

const settled = (status: number, headers: Record<string, string> = {}) => ({
  attempt: 1,
  method: 'POST',
  url: '/v1/payment_intents',
  durationMs: 5,
  verdict: 'ambiguous' as const,
  status,
  headers,
});

describe('ProviderHoldOff', () => {
  let nowMs = 1_000_000;
  const holdOff = () => new ProviderHoldOff(() => nowMs);

  it('holds for the Retry-After of a 503 or a 429, and lets charges go once it passed', () => {
    const pace = holdOff();
    pace.hooks.onAttemptSettled?.(settled(503, { 'retry-after': '3' }));
    expect(pace.remainingMs()).toBe(3_000);
    pace.hooks.onAttemptSettled?.(settled(429, { 'retry-after': '1' }));
    expect(pace.remainingMs()).toBe(3_000);
    nowMs += 3_000;
    expect(pace.remainingMs()).toBe(0);
  });

  it('ignores a 503 without Retry-After and other statuses, and caps a hint of hours', () => {
    const pace = holdOff();
    pace.hooks.onAttemptSettled?.(settled(503));
    pace.hooks.onAttemptSettled?.(settled(500, { 'retry-after': '9' }));
    expect(pace.remainingMs()).toBe(0);
    pace.hooks.onAttemptSettled?.(settled(503, { 'retry-after': '7200' }));
    expect(pace.remainingMs()).toBe(MAX_PROVIDER_HOLD_OFF_MS);
  });

  it('holds when the charge client gave up because its retry budget is spent, not for other give-ups', () => {
    const pace = holdOff();
    const giveUp = (stopReason: 'budget-exhausted' | 'retries-exhausted') =>
      new RetryingClientError(new AxiosError('connect ECONNREFUSED'), { stopReason, failures: [] });
    pace.hooks.onGiveUp?.(giveUp('retries-exhausted'));
    expect(pace.remainingMs()).toBe(0);
    pace.hooks.onGiveUp?.(giveUp('budget-exhausted'));
    expect(pace.remainingMs()).toBe(SPENT_BUDGET_HOLD_OFF_MS);
  });
});
