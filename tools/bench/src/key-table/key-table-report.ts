// The key table scenario's figures: cost ratios by table size, bytes per million keys, the purge's
// effect on p99; as lines for people and `name=value` fields for the bench's last line.
import type { LoadResult } from '../load';
import { median, table } from '../report-format';
import { CHECKOUTS_PER_RUN, KEY_TABLE_RATIO_TARGET } from './key-table-settings';

/** The measurements at one table size. */
export interface SizeRun {
  /** Keys the bench filled in (0: only the bench's own). */
  filledKeys: number;
  /** Rows in the table, the bench's own keys included. */
  keys: number;
  /** pg_total_relation_size: heap, TOAST and indexes. */
  bytes: number;
  /** Fill and settle time (s), absent for the unfilled table. */
  fillSeconds?: number;
  /** A fresh-key run and a baseline run per round, back to back. */
  rounds: { fresh: LoadResult; baseline: LoadResult }[];
}

/** The checkout's p99 windows without the purge and while it ran. */
export interface PurgeRun {
  /** Expired keys inserted for it to delete. */
  expiredKeys: number;
  /** Of those, deleted by the bench's purger (the API processes' jobs may take a share). */
  purgedByBench: number;
  /** Expired keys left afterwards: 0 unless the purge skipped some. */
  leftExpired: number;
  seconds: number;
  without: LoadResult[];
  during: LoadResult[];
}

/** Everything the scenario measured. */
export interface KeyTableResult {
  unfilled: SizeRun;
  bySize: SizeRun[];
  purge?: PurgeRun;
}

/** `1m`, `10m`, `100k`, `2500`: a size as it appears in a field name. */
export function sizeLabel(keys: number): string {
  if (keys >= 1_000_000 && keys % 1_000_000 === 0) return `${keys / 1_000_000}m`;
  if (keys >= 1_000 && keys % 1_000 === 0) return `${keys / 1_000}k`;
  return String(keys);
}

/** Median over rounds of fresh-key req/s ÷ baseline req/s at one size: the layer's share kept. */
export function freshToBaseline(run: SizeRun): number {
  return median(run.rounds.map(({ fresh, baseline }) => fresh.rps / baseline.rps));
}

/**
 * Cost of a fresh-key checkout at `run`'s size relative to the unfilled table: time per checkout
 * goes as 1 ÷ req/s, and each size's req/s is taken relative to the baseline beside it, which
 * writes no key and so carries only the machine's drift. 1.2 = a fifth slower.
 */
export function costRatio(run: SizeRun, unfilled: SizeRun): number {
  return freshToBaseline(unfilled) / freshToBaseline(run);
}

/** Table bytes the filled keys added, per million of them. */
export function bytesPerMillionKeys(run: SizeRun, unfilled: SizeRun): number {
  return ((run.bytes - unfilled.bytes) / (run.keys - unfilled.keys)) * 1_000_000;
}

/** Median window p99 while the purge ran ÷ median window p99 without it. */
export function purgeP99Ratio({ without, during }: Pick<PurgeRun, 'without' | 'during'>): number {
  return median(during.map((w) => w.p99Ms)) / median(without.map((w) => w.p99Ms));
}

const met = (ratio: number) => (ratio <= KEY_TABLE_RATIO_TARGET ? 'met' : 'missed');

/** The scenario's fields of the bench's last line; each target followed by `met` or `missed`. */
export function keyTableFields({ unfilled, bySize, purge }: KeyTableResult): string[] {
  const fields = bySize.flatMap((run) => {
    const name = `keys_${sizeLabel(run.filledKeys)}`;
    const ratio = costRatio(run, unfilled);
    return [`${name}_ratio=${ratio.toFixed(3)}`, `${name}_ratio_target=${met(ratio)}`];
  });
  const largest = bySize[bySize.length - 1];
  if (largest) fields.push(`keys_mb_per_million=${(bytesPerMillionKeys(largest, unfilled) / 2 ** 20).toFixed(0)}`);
  if (purge) {
    const ratio = purgeP99Ratio(purge);
    fields.push(
      `purge_p99_ratio=${ratio.toFixed(3)}`,
      `purge_p99_ratio_target=${met(ratio)}`,
      `purge_keys_per_s=${(purge.expiredKeys / purge.seconds).toFixed(0)}`,
      // How many samples the ratio's numerator had: one window beside a short purge says little.
      `purge_p99_windows=${purge.during.length}`,
    );
  }
  return fields;
}

/** The scenario's lines of the report, for people. */
export function keyTableLines({ unfilled, bySize, purge }: KeyTableResult): string {
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const rows = [unfilled, ...bySize].map((run) => [
    run.filledKeys ? `${run.filledKeys.toLocaleString('en')} filled` : 'the bench’s own keys',
    run.keys.toLocaleString('en'),
    mib(run.bytes),
    run.fillSeconds === undefined ? '' : run.fillSeconds.toFixed(0),
    median(run.rounds.map((r) => r.fresh.rps)).toFixed(0),
    median(run.rounds.map((r) => r.baseline.rps)).toFixed(0),
    freshToBaseline(run).toFixed(3),
    median(run.rounds.map((r) => r.fresh.p99Ms)).toFixed(1),
    run === unfilled ? '1' : costRatio(run, unfilled).toFixed(3),
  ]);
  const lines = [
    `\nKey table: fresh-key POST /orders beside the baseline, medians of ${unfilled.rounds.length} rounds of ${CHECKOUTS_PER_RUN} checkouts each per size`,
    table(['table', 'rows', 'MiB', 'fill s', 'fresh req/s', 'baseline req/s', 'fresh/baseline', 'fresh p99 ms', 'cost ratio'], rows),
  ];
  if (purge) {
    const p99s = (windows: LoadResult[]) => windows.map((w) => w.p99Ms.toFixed(0)).join(' ');
    lines.push(
      `purge of ${purge.expiredKeys.toLocaleString('en')} expired keys: ${purge.seconds.toFixed(1)} s (${(purge.expiredKeys / purge.seconds).toFixed(0)} keys/s), ` +
        `${purge.purgedByBench.toLocaleString('en')} by the bench's purger, ${purge.leftExpired} expired left`,
      `fresh p99 ms by window of ${CHECKOUTS_PER_RUN} checkouts, without the purge: ${p99s(purge.without)}; during it (${purge.during.length}): ${p99s(purge.during)}; ratio of medians ${purgeP99Ratio(purge).toFixed(3)}`,
    );
  }
  return lines.join('\n');
}
