import { SettlementWaiters, settlementIdOf } from './settlement-waiters';

describe('SettlementWaiters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes every waiter of a key with true when it settles, and only those', async () => {
    const waiters = new SettlementWaiters();
    const [a1, a2, b] = [waiters.wait('a', 5_000), waiters.wait('a', 5_000), waiters.wait('b', 5_000)];
    waiters.settle('a');
    await expect(Promise.all([a1, a2])).resolves.toEqual([true, true]);
    expect(waiters.size).toBe(1);
    jest.advanceTimersByTime(5_000);
    await expect(b).resolves.toBe(false);
    expect(waiters.size).toBe(0);
  });

  it('answers false at once beyond its bound, holding nothing for the refused waiter', async () => {
    const waiters = new SettlementWaiters(2);
    const held = [waiters.wait('k', 1_000), waiters.wait('k', 1_000)];
    await expect(waiters.wait('k', 1_000)).resolves.toBe(false);
    expect(waiters.size).toBe(2);
    waiters.settle('k');
    await expect(Promise.all(held)).resolves.toEqual([true, true]);
  });

  it('wakes everyone with false on clear', async () => {
    const waiters = new SettlementWaiters();
    const waiting = waiters.wait('k', 60_000);
    waiters.clear();
    await expect(waiting).resolves.toBe(false);
  });
});

describe('settlementIdOf(scope, key)', () => {
  it('is a 64-character hex hash that keeps (scope, key) pairs apart', () => {
    expect(settlementIdOf('u', 'k')).toMatch(/^[0-9a-f]{64}$/);
    expect(settlementIdOf('ab', 'c')).not.toBe(settlementIdOf('a', 'bc'));
  });
});
