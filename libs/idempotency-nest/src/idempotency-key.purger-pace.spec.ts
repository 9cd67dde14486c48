import { MAX_PURGE_PAUSE_MS, purgePauseMs } from './idempotency-key.purger-pace';

describe('purgePauseMs(batchMs)', () => {
  it('pauses as long as the batch took, so that the purge is busy half the time at most', () => {
    expect(purgePauseMs(0)).toBe(0);
    expect(purgePauseMs(37.5)).toBe(37.5);
    expect(purgePauseMs(MAX_PURGE_PAUSE_MS)).toBe(MAX_PURGE_PAUSE_MS);
  });

  it('pauses at most MAX_PURGE_PAUSE_MS (1 s) after a slow batch, so that a backlog keeps draining', () => {
    expect(MAX_PURGE_PAUSE_MS).toBe(1_000);
    expect(purgePauseMs(MAX_PURGE_PAUSE_MS + 1)).toBe(MAX_PURGE_PAUSE_MS);
    expect(purgePauseMs(60_000)).toBe(MAX_PURGE_PAUSE_MS);
  });

  it('never pauses a negative time (a clock that stepped back)', () => {
    expect(purgePauseMs(-5)).toBe(0);
  });
});
