import { SettledKeyWaiters, settledKeyId } from './key-settled-signal';

describe('SettledKeyWaiters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes every waiter of a key with true when it settles, and only those', async () => {
    const waiters = new SettledKeyWaiters();
    const [a1, a2, b] = [waiters.wait('a', 5_000), waiters.wait('a', 5_000), waiters.wait('b', 5_000)];
    waiters.settle('a');
    await expect(Promise.all([a1, a2])).resolves.toEqual([true, true]);
    expect(waiters.size).toBe(1);
    jest.advanceTimersByTime(5_000);
    await expect(b).resolves.toBe(false);
    expect(waiters.size).toBe(0);
  });

  it('wakes everyone with false on clear', async () => {
    const waiters = new SettledKeyWaiters();
    const waiting = waiters.wait('k', 60_000);
    waiters.clear();
    await expect(waiting).resolves.toBe(false);
  });
});

describe('settledKeyId(scope, key)', () => {
  it('is a 64-character hex hash that keeps (scope, key) pairs apart', () => {
    expect(settledKeyId('u', 'k')).toMatch(/^[0-9a-f]{64}$/);
    expect(settledKeyId('ab', 'c')).not.toBe(settledKeyId('a', 'bc'));
  });
});
