import { RetryBudget } from './retry-budget';

describe('RetryBudget', () => {
  it('starts full, with 10 tokens and retries allowed', () => {
    const budget = new RetryBudget();
    expect(budget.tokens).toBe(10);
    expect(budget.allowsRetry).toBe(true);
  });

  it('stops retries once failures bring the tokens down to half of maxTokens', () => {
    const budget = new RetryBudget({ maxTokens: 10 });
    for (let i = 0; i < 4; i++) budget.recordFailure();
    expect(budget.allowsRetry).toBe(true); // 6 > 5
    budget.recordFailure();
    expect(budget.tokens).toBe(5);
    expect(budget.allowsRetry).toBe(false); // 5 ≤ 5
  });

  it('never goes below zero, however long the outage', () => {
    const budget = new RetryBudget();
    for (let i = 0; i < 100; i++) budget.recordFailure();
    expect(budget.tokens).toBe(0);
  });

  it('earns retries back at tokenRatio per success, exactly (ten successes make one token)', () => {
    const budget = new RetryBudget({ maxTokens: 10, tokenRatio: 0.1 });
    for (let i = 0; i < 5; i++) budget.recordFailure();
    for (let i = 0; i < 10; i++) budget.recordSuccess();
    expect(budget.tokens).toBe(6);
    expect(budget.allowsRetry).toBe(true);
  });

  it('never fills beyond maxTokens', () => {
    const budget = new RetryBudget({ maxTokens: 3 });
    budget.recordSuccess();
    expect(budget.tokens).toBe(3);
  });

  it('rejects a bucket that could never allow a retry', () => {
    expect(() => new RetryBudget({ maxTokens: 0 })).toThrow(RangeError);
  });
});
