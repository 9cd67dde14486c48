// What the key table scenario of `npm run bench` measures with (docs/benchmarks.md "Cost as the
// key table grows").

/** Keys filled into idempotency_keys before each measurement, ascending: `BENCH_KEYS_SIZES`' default. */
export const DEFAULT_KEY_TABLE_SIZES = [1_000_000, 10_000_000];
/** Rounds per table size, each a fresh-key run and a baseline run back to back. */
export const KEY_TABLE_ROUNDS = 3;
/**
 * Checkouts per run (and per p99 window): a count, not a duration, so that a run on a busy machine
 * still has answers to measure; about a second each on a quiet 2-core machine.
 */
export const CHECKOUTS_PER_RUN = 100;
/** p99 windows without the purge, just before it. */
export const WINDOWS_WITHOUT_PURGE = 5;
/**
 * Expired keys the purge deletes, as a share of the largest size: 1 M at the default 10 M, a
 * tenth of the table, i.e. a purge that fell 2.4 h behind at 24 h retention.
 */
export const EXPIRED_SHARE = 0.1;
/** Keys per INSERT of the fill: a progress line each, and no transaction of millions of rows. */
export const FILL_CHUNK_KEYS = 1_000_000;
/** Retention the filled keys were stored with: the API's default (`IDEMPOTENCY_KEY_TTL_SECONDS`). */
export const FILLED_KEY_TTL_SECONDS = 86_400;
/** Users the filled keys are spread over (their scope). */
export const FILLED_KEY_USERS = 100_000;
/** Target of `keys_<size>_ratio` and `purge_p99_ratio`. */
export const KEY_TABLE_RATIO_TARGET = 1.2;
/** Time the scenario may add to the bench's watchdog for its load runs, whatever the sizes. */
export const KEY_TABLE_TIMEOUT_MS = 3 * 60_000;
/**
 * And per million keys filled (fill, vacuum and the purge): a 2-core machine loaded to 15 runnable
 * processes per core filled and settled a million keys in 288 s, so a watchdog for hangs, not a budget.
 */
export const KEY_TABLE_TIMEOUT_MS_PER_MILLION_KEYS = 5 * 60_000;

/**
 * `BENCH_KEYS_SIZES`: comma-separated key counts, e.g. `100000` for a quick run; `0` or empty
 * skips the scenario. Default {@link DEFAULT_KEY_TABLE_SIZES}.
 * @returns the sizes, ascending and distinct.
 */
export function loadKeyTableSizes(env: NodeJS.ProcessEnv = process.env): number[] {
  const setting = env.BENCH_KEYS_SIZES;
  if (setting === undefined) return DEFAULT_KEY_TABLE_SIZES;
  const sizes = setting
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 0)) throw new Error('BENCH_KEYS_SIZES must be comma-separated non-negative integers');
  return [...new Set(sizes.filter((size) => size > 0))].sort((a, b) => a - b);
}

/** Expired keys the purge deletes after the fill to `sizes`: {@link EXPIRED_SHARE} of the largest. */
export function expiredKeysToPurge(sizes: number[]): number {
  return sizes.length ? Math.round(sizes[sizes.length - 1] * EXPIRED_SHARE) : 0;
}

/** What the scenario adds to the bench's watchdog for these sizes (the fill includes the expired keys). */
export function keyTableTimeoutMs(sizes: number[]): number {
  if (!sizes.length) return 0;
  const keysFilled = sizes[sizes.length - 1] + expiredKeysToPurge(sizes);
  return KEY_TABLE_TIMEOUT_MS + Math.ceil((keysFilled / 1_000_000) * KEY_TABLE_TIMEOUT_MS_PER_MILLION_KEYS);
}
