import { ProcessWindowCounters } from './process-window-counters';

describe('ProcessWindowCounters.hit(bucket, windowMs, nowMs)', () => {
  it('counts the hits of one bucket inside its window, and the time left until it ends', () => {
    const counters = new ProcessWindowCounters();
    expect(counters.hit('a', 10_000, 1_000)).toEqual({ hits: 1, resetInMs: 10_000 });
    expect(counters.hit('a', 10_000, 4_000)).toEqual({ hits: 2, resetInMs: 7_000 });
    expect(counters.hit('b', 10_000, 4_000)).toEqual({ hits: 1, resetInMs: 10_000 });
  });

  it('starts a new window at 0 once the current one ended, and never pushes an open window back', () => {
    const counters = new ProcessWindowCounters();
    for (let at = 0; at < 10_000; at += 1_000) counters.hit('a', 10_000, at);
    expect(counters.hit('a', 10_000, 9_999)).toEqual({ hits: 11, resetInMs: 1 });
    expect(counters.hit('a', 10_000, 10_000)).toEqual({ hits: 1, resetInMs: 10_000 });
  });

  it('when more buckets than its bound are counted, forgets the windows that started first', () => {
    const counters = new ProcessWindowCounters(2);
    counters.hit('first', 10_000, 0);
    counters.hit('first', 10_000, 0);
    counters.hit('second', 10_000, 1);
    counters.hit('third', 10_000, 2);
    expect(counters.hit('second', 10_000, 3).hits).toBe(2);
    expect(counters.hit('first', 10_000, 3).hits).toBe(1);
  });
});
