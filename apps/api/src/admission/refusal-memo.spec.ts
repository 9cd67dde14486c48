import { RefusalMemo } from './refusal-memo';

describe('RefusalMemo', () => {
  it('remembers a refusal until its window ends, then forgets it', () => {
    const memo = new RefusalMemo();
    memo.remember('login:address:10.0.0.1', 5_000, 1_000);
    expect(memo.remainingMs('login:address:10.0.0.1', 1_000)).toBe(5_000);
    expect(memo.remainingMs('login:address:10.0.0.1', 5_999)).toBe(1);
    expect(memo.remainingMs('login:address:10.0.0.1', 6_000)).toBe(0);
    expect(memo.remainingMs('login:address:10.0.0.1', 1_000)).toBe(0);
  });

  it('knows nothing of a bucket it was never told about', () => {
    expect(new RefusalMemo().remainingMs('login:account:alice@example.com')).toBe(0);
  });

  it('keeps at most its bound of buckets, forgetting the oldest refusals first', () => {
    const memo = new RefusalMemo(2);
    memo.remember('a', 10_000, 0);
    memo.remember('b', 10_000, 0);
    memo.remember('c', 10_000, 0);
    expect([memo.remainingMs('a', 0), memo.remainingMs('b', 0), memo.remainingMs('c', 0)]).toEqual([0, 10_000, 10_000]);
  });
});
