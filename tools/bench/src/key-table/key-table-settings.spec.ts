import {
  DEFAULT_KEY_TABLE_SIZES,
  expiredKeysToPurge,
  KEY_TABLE_TIMEOUT_MS,
  KEY_TABLE_TIMEOUT_MS_PER_MILLION_KEYS,
  keyTableTimeoutMs,
  loadKeyTableSizes,
} from './key-table-settings';

describe('loadKeyTableSizes(env)', () => {
  it('fills to 1 M and 10 M keys when BENCH_KEYS_SIZES is unset', () => {
    expect(loadKeyTableSizes({})).toEqual(DEFAULT_KEY_TABLE_SIZES);
    expect(DEFAULT_KEY_TABLE_SIZES).toEqual([1_000_000, 10_000_000]);
  });
  it('reads comma-separated sizes, ascending and distinct', () => {
    expect(loadKeyTableSizes({ BENCH_KEYS_SIZES: '200000, 100000,200000' })).toEqual([100_000, 200_000]);
  });
  it('skips the scenario for 0 or an empty setting', () => {
    expect(loadKeyTableSizes({ BENCH_KEYS_SIZES: '0' })).toEqual([]);
    expect(loadKeyTableSizes({ BENCH_KEYS_SIZES: '' })).toEqual([]);
  });
  it('refuses what is not a whole number of keys', () => {
    expect(() => loadKeyTableSizes({ BENCH_KEYS_SIZES: '1e6.5' })).toThrow('BENCH_KEYS_SIZES');
    expect(() => loadKeyTableSizes({ BENCH_KEYS_SIZES: '1m' })).toThrow('BENCH_KEYS_SIZES');
  });
});

describe('expiredKeysToPurge(sizes)', () => {
  it('is a tenth of the largest size: 1 M at the default sizes', () => {
    expect(expiredKeysToPurge(DEFAULT_KEY_TABLE_SIZES)).toBe(1_000_000);
  });
  it('is none when the scenario is skipped', () => {
    expect(expiredKeysToPurge([])).toBe(0);
  });
});

describe('keyTableTimeoutMs(sizes)', () => {
  it('allows for every key filled: the largest size and its expired backlog', () => {
    expect(keyTableTimeoutMs(DEFAULT_KEY_TABLE_SIZES)).toBe(KEY_TABLE_TIMEOUT_MS + 11 * KEY_TABLE_TIMEOUT_MS_PER_MILLION_KEYS);
  });
  it('adds nothing when the scenario is skipped', () => {
    expect(keyTableTimeoutMs([])).toBe(0);
  });
});
