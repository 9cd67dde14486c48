import type { JitterStrategy } from '../src';
import { histogram } from './herd.sim';
import { OUTAGE, simulateOutage } from './outage.sim';
import { seededRandom } from './seeded-random';
import type { ChartSpec } from './svg-chart';
import { textTable } from './text-table';

const SEEDS = 10;
const CHART_BIN_MS = 500;

/** Load on a failed server with and without the retry budget, averaged over 10 seeds. */
export function outageReport() {
  const variants: Variant[] = [
    { label: 'retrying-client without budget', withBudget: false, jitter: 'full' },
    { label: 'retrying-client with budget (default)', withBudget: true, jitter: 'full' },
    { label: 'with budget, proportional jitter ±25 %', withBudget: true, jitter: 'proportional' },
  ];
  const results = variants.map(({ withBudget, jitter }) => {
    let offered = 0;
    let attempts = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const run = simulateOutage(withBudget, seededRandom(seed * 15_485_863), jitter);
      offered += run.offeredDuringOutage;
      attempts += run.attemptsDuringOutage;
    }
    return { offered: offered / SEEDS, attempts: attempts / SEEDS, load: attempts / offered };
  });
  const rows = variants.map((v, i) => [v.label, results[i].offered.toFixed(0), results[i].attempts.toFixed(0), results[i].load.toFixed(2)]);
  const window = `${OUTAGE.startMs / 1000}–${OUTAGE.endMs / 1000} s`;
  return {
    text: [
      `${OUTAGE.clients} clients × ${OUTAGE.requestsPerSecond} req/s, server failing everything ${window} (mean of ${SEEDS} seeded runs)`,
      textTable(['client', 'offered in outage', 'attempts in outage', 'load ×'], rows),
    ].join('\n'),
    outageLoad: results[1].load,
    proportionalOutageLoad: results[2].load,
    chart: outageChart(variants.slice(0, 2)),
  };
}

interface Variant {
  label: string;
  withBudget: boolean;
  jitter: JitterStrategy;
}

function outageChart(variants: Variant[]): ChartSpec {
  return {
    title: `Attempts reaching a failed server: ${OUTAGE.clients} clients, outage from ${OUTAGE.startMs / 1000} s to ${OUTAGE.endMs / 1000} s`,
    subtitle: `One seeded run; ${OUTAGE.clients * OUTAGE.requestsPerSecond} requests/s offered throughout; 3 retries, full jitter from 1 s`,
    startMs: 0,
    binMs: CHART_BIN_MS,
    panels: variants.map(({ label, withBudget }) => ({
      label,
      counts: histogram(simulateOutage(withBudget, seededRandom(15_485_863)).arrivalsMs, 0, OUTAGE.durationMs + 5000, CHART_BIN_MS),
    })),
    sharedScale: true,
    highlight: { fromMs: OUTAGE.startMs, toMs: OUTAGE.endMs, label: 'server failing every request' },
  };
}
