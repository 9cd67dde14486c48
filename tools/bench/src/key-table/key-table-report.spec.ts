import type { LoadResult } from '../load';
import { bytesPerMillionKeys, costRatio, keyTableFields, purgeP99Ratio, sizeLabel, type KeyTableResult, type SizeRun } from './key-table-report';

const load = (rps: number, p99Ms = 0): LoadResult => ({ rps, minMs: 0, p50Ms: 0, p99Ms, requests: 0, statusCodes: {}, replayed: 0, errors: 0 });
const sizeRun = (filledKeys: number, keys: number, bytes: number, pairs: [fresh: number, baseline: number][]): SizeRun => ({
  filledKeys,
  keys,
  bytes,
  rounds: pairs.map(([fresh, baseline]) => ({ fresh: load(fresh), baseline: load(baseline) })),
});

describe('sizeLabel(keys)', () => {
  it('names whole millions with m and whole thousands with k', () => {
    expect([1_000_000, 10_000_000, 100_000, 2_500, 1_500_000].map(sizeLabel)).toEqual(['1m', '10m', '100k', '2500', '1500k']);
  });
});

describe('costRatio(run, unfilled)', () => {
  it('is 1 when the fresh checkouts keep the same share of the baseline as on the unfilled table', () => {
    const unfilled = sizeRun(0, 10, 0, [[90, 100]]);
    // The whole machine slowed down by half: the baseline beside it tells drift from the table's cost.
    expect(costRatio(sizeRun(1_000_000, 1_000_010, 0, [[45, 50]]), unfilled)).toBeCloseTo(1);
  });
  it('grows as time per fresh checkout grows relative to the baseline', () => {
    const unfilled = sizeRun(0, 10, 0, [[90, 100]]);
    expect(costRatio(sizeRun(1_000_000, 1_000_010, 0, [[75, 100]]), unfilled)).toBeCloseTo(1.2);
  });
  it('takes the median of the rounds, so that one disturbed round does not decide', () => {
    const unfilled = sizeRun(0, 10, 0, [
      [90, 100],
      [10, 100],
      [90, 100],
    ]);
    expect(costRatio(sizeRun(1_000_000, 1_000_010, 0, [[90, 100]]), unfilled)).toBeCloseTo(1);
  });
});

describe('bytesPerMillionKeys(run, unfilled)', () => {
  it('counts only what the filled keys added', () => {
    expect(bytesPerMillionKeys(sizeRun(2_000_000, 2_000_100, 3_000_000_100, []), sizeRun(0, 100, 100, []))).toBe(1_500_000_000);
  });
});

describe('purgeP99Ratio(purge)', () => {
  it('divides the median p99 of the windows during the purge by that of the windows without', () => {
    const windows = (...p99s: number[]) => p99s.map((p99) => load(0, p99));
    expect(purgeP99Ratio({ without: windows(10, 12, 30), during: windows(12, 100, 15, 13) })).toBeCloseTo(14 / 12);
  });
});

describe('keyTableFields(result)', () => {
  const unfilled = sizeRun(0, 1_000, 2 ** 20, [[90, 100]]);
  const result: KeyTableResult = {
    unfilled,
    bySize: [sizeRun(1_000_000, 1_001_000, 1002 ** 20, [[85, 100]]), sizeRun(10_000_000, 10_001_000, 15001 * 2 ** 20, [[60, 100]])],
    purge: { expiredKeys: 1_000_000, purgedByBench: 1_000_000, leftExpired: 0, seconds: 40, without: [load(0, 10)], during: [load(0, 11)] },
  };
  it('names each ratio by its size and says whether it met the 1.2 target', () => {
    expect(keyTableFields(result)).toEqual([
      'keys_1m_ratio=1.059',
      'keys_1m_ratio_target=met',
      'keys_10m_ratio=1.500',
      'keys_10m_ratio_target=missed',
      'keys_mb_per_million=1500',
      'purge_p99_ratio=1.100',
      'purge_p99_ratio_target=met',
      'purge_keys_per_s=25000',
      'purge_p99_windows=1',
    ]);
  });
  it('has no purge fields when no size was filled', () => {
    expect(keyTableFields({ unfilled, bySize: [] })).toEqual([]);
  });
});
