import { isRetryableMethod, planRetry, retryDelay, retryDelayMs, type RetryContext, type RetryPolicy } from './retry-plan';

const policy: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 20_000, jitter: 'full' };
const half = () => 0.5;
const failedGet: RetryContext = {
  retryable: true,
  method: 'get',
  hasIdempotencyKey: false,
  retry: 1,
  previousDelayMs: 1000,
  budgetAllowsRetry: true,
  elapsedMs: 0,
};

describe('isRetryableMethod(method, hasIdempotencyKey)', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('retries %s, idempotent by RFC 9110, with or without a key', (method) => {
    expect(isRetryableMethod(method, false)).toBe(true);
  });

  it.each(['POST', 'PATCH'])('retries %s only when it carries an Idempotency-Key', (method) => {
    expect(isRetryableMethod(method, false)).toBe(false);
    expect(isRetryableMethod(method, true)).toBe(true);
  });
});

describe('planRetry(context, policy, random)', () => {
  it('retries a transient failure after the jittered backoff', () => {
    expect(planRetry(failedGet, policy, half)).toEqual({ retry: true, delayMs: 500, basis: 'backoff', capMs: 1000 });
  });

  it('stops on a failure that is not transient', () => {
    expect(planRetry({ ...failedGet, retryable: false }, policy, half)).toEqual({ retry: false, stopReason: 'not-retryable' });
  });

  it('stops on a POST without an Idempotency-Key, whatever the failure', () => {
    const plan = planRetry({ ...failedGet, method: 'post' }, policy, half);
    expect(plan).toEqual({ retry: false, stopReason: 'method-not-retryable' });
  });

  it('stops after the last allowed retry', () => {
    expect(planRetry({ ...failedGet, retry: 4 }, policy, half)).toEqual({ retry: false, stopReason: 'retries-exhausted' });
  });

  it('stops when the retry budget is spent', () => {
    const plan = planRetry({ ...failedGet, budgetAllowsRetry: false }, policy, half);
    expect(plan).toEqual({ retry: false, stopReason: 'budget-exhausted' });
  });

  it('schedules a retry only if its wait and its whole timeout fit before the deadline', () => {
    const nearDeadline = { ...failedGet, retry: 2, elapsedMs: 1000, deadlineMs: 3000, attemptTimeoutMs: 1000 };
    expect(planRetry(nearDeadline, policy, half)).toMatchObject({ retry: true, delayMs: 1000 }); // ends by 3000
    expect(planRetry({ ...nearDeadline, elapsedMs: 1001 }, policy, half)).toEqual({ retry: false, stopReason: 'deadline-exceeded' });
  });

  it('without a per-attempt timeout, schedules a retry only if it starts before the deadline', () => {
    const context = { ...failedGet, elapsedMs: 2000, deadlineMs: 2501 }; // the retry would start at 2500
    expect(planRetry(context, policy, half).retry).toBe(true);
    expect(planRetry({ ...context, deadlineMs: 2500 }, policy, half)).toEqual({ retry: false, stopReason: 'deadline-exceeded' });
  });
});

describe('retryDelayMs(context, policy, random)', () => {
  it('waits for Retry-After, with up to 20 % jitter on top, when it is longer than the backoff', () => {
    expect(retryDelayMs({ retry: 1, previousDelayMs: 1000, retryAfterMs: 5000 }, policy, half)).toBe(5500);
  });

  it('keeps the backoff when Retry-After asks for less', () => {
    expect(retryDelayMs({ retry: 4, previousDelayMs: 1000, retryAfterMs: 0 }, policy, half)).toBe(4000);
  });

  it('clamps Retry-After to maxDelayMs', () => {
    expect(retryDelayMs({ retry: 1, previousDelayMs: 1000, retryAfterMs: 3_600_000 }, policy, () => 0)).toBe(20_000);
  });
});

describe('retryDelay(context, policy, random): the wait with its reasons', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
  ])('caps retry %i at base·2^(n-1) = %i ms and draws the full-jitter wait below it', (retry, capMs) => {
    expect(retryDelay({ retry, previousDelayMs: 1000 }, policy, half)).toEqual({ delayMs: capMs / 2, basis: 'backoff', capMs });
  });

  it('says the wait came from Retry-After when the hint was longer than the backoff, with the hint', () => {
    expect(retryDelay({ retry: 1, previousDelayMs: 1000, retryAfterMs: 5000 }, policy, half)).toEqual({
      delayMs: 5500,
      basis: 'retry-after',
      capMs: 1000,
      retryAfterMs: 5000,
    });
  });

  it('says the backoff won when the hint was shorter, and still reports the hint', () => {
    expect(retryDelay({ retry: 4, previousDelayMs: 1000, retryAfterMs: 0 }, policy, half)).toEqual({
      delayMs: 4000,
      basis: 'backoff',
      capMs: 8000,
      retryAfterMs: 0,
    });
  });
});
