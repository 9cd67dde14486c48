import { RECOVERY_TICK_MS, FAILED_DRAIN_SLEEP_MS, MAX_RECOVERY_SLEEP_MS, nextRecoveryDrainAtMs } from './recovery-schedule';

const NOW = 1_000_000;
const drained = (stoppedBecause: 'nothing-due' | 'contended' | 'all-failed', nextDueInMs?: number) => ({
  finished: 0,
  failed: 0,
  rounds: 0,
  stoppedBecause,
  nextDueAt: nextDueInMs === undefined ? undefined : new Date(NOW + nextDueInMs),
});

describe('nextRecoveryDrainAtMs(report, nowMs, lapsedForMs)', () => {
  it('wakes when the next stalled operation falls due', () => {
    expect(nextRecoveryDrainAtMs(drained('nothing-due', 1_200), NOW, 60_000)).toBe(NOW + 1_200);
  });

  it('sleeps at most 5 s, and never longer than the recovery delay, when nothing or something far away is due', () => {
    expect(nextRecoveryDrainAtMs(drained('nothing-due'), NOW, 60_000)).toBe(NOW + MAX_RECOVERY_SLEEP_MS);
    expect(nextRecoveryDrainAtMs(drained('nothing-due', 50_000), NOW, 60_000)).toBe(NOW + MAX_RECOVERY_SLEEP_MS);
    expect(nextRecoveryDrainAtMs(drained('nothing-due'), NOW, 2_000)).toBe(NOW + 2_000);
    expect(nextRecoveryDrainAtMs(drained('nothing-due'), NOW, 0)).toBe(NOW + RECOVERY_TICK_MS);
  });

  it('drains again at once when another process held what was due, but waits 1 s after a drain in which everything failed', () => {
    expect(nextRecoveryDrainAtMs(drained('contended', -100), NOW, 60_000)).toBe(NOW);
    expect(nextRecoveryDrainAtMs(drained('all-failed', -100), NOW, 0)).toBe(NOW + FAILED_DRAIN_SLEEP_MS);
  });

  it('tries again after 5 s when the drain itself failed (the store was unreachable)', () => {
    expect(nextRecoveryDrainAtMs(undefined, NOW, 60_000)).toBe(NOW + MAX_RECOVERY_SLEEP_MS);
  });
});
