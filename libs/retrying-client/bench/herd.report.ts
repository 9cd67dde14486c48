import { HERD_BIN_MS, HERD_CLIENTS, HERD_POLICIES, HERD_RETRY_AFTER_S, histogram, peakToMean, simulateHerd } from './herd.sim';
import { seededRandom } from './seeded-random';
import type { ChartSpec } from './svg-chart';
import { textTable } from './text-table';

const SEEDS = 20;
const OURS = 'retrying-client (defaults)';

/** The herd after `Retry-After: 5`, per policy, averaged over 20 seeds. */
export function herdReport() {
  const totals = HERD_POLICIES.map(() => ({ peak: 0, peakToMean: 0, spreadMs: 0 }));
  let chart: ChartSpec | undefined;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const arrivals = HERD_POLICIES.map((policy, i) => simulateHerd(policy, seededRandom(seed * 104_729 + i)));
    const all = arrivals.flat();
    // One window for every policy: from the first return of any to the last return of any.
    const startMs = Math.floor(Math.min(...all) / HERD_BIN_MS) * HERD_BIN_MS;
    const endMs = Math.max(...all);
    const counts = arrivals.map((times) => histogram(times, startMs, endMs, HERD_BIN_MS));
    counts.forEach((c, i) => {
      totals[i].peak += Math.max(...c) / SEEDS;
      totals[i].peakToMean += peakToMean(c) / SEEDS;
      totals[i].spreadMs += (Math.max(...arrivals[i]) - Math.min(...arrivals[i])) / SEEDS;
    });
    if (seed === 1) chart = herdChart(counts, startMs);
  }
  const rows = HERD_POLICIES.map((p, i) => [p.label, totals[i].peak.toFixed(0), totals[i].peakToMean.toFixed(2), totals[i].spreadMs.toFixed(0)]);
  return {
    text: [
      `${HERD_CLIENTS} clients told "503, Retry-After: ${HERD_RETRY_AFTER_S}" at once (mean of ${SEEDS} seeded runs)`,
      textTable(['policy', `peak per ${HERD_BIN_MS} ms`, 'peak/mean', 'spread ms'], rows),
    ].join('\n'),
    herdPeakToMean: totals[HERD_POLICIES.findIndex((p) => p.label === OURS)].peakToMean,
    chart: chart as ChartSpec,
  };
}

function herdChart(counts: number[][], startMs: number): ChartSpec {
  return {
    title: `Returns after "Retry-After: ${HERD_RETRY_AFTER_S}": ${HERD_CLIENTS} clients told at the same moment`,
    subtitle: 'One seeded run; retries reaching the server per 10 ms',
    startMs,
    binMs: HERD_BIN_MS,
    panels: HERD_POLICIES.map((p, i) => ({
      label: p.label,
      note: `peak ${Math.max(...counts[i])} per ${HERD_BIN_MS} ms, peak/mean ${peakToMean(counts[i]).toFixed(1)}`,
      counts: counts[i],
    })),
    sharedScale: false,
  };
}
