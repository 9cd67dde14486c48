import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contentionReport } from './contention.report';
import { failureHerdReport } from './failure-herd.report';
import { herdReport } from './herd.report';
import { outageReport } from './outage.report';
import { renderArrivalsChart } from './svg-chart';

// Compiled to libs/retrying-client/dist-bench/bench/: the repository's docs/ is four levels up.
const DOCS = join(__dirname, '..', '..', '..', '..', 'docs');
/** The jitter comparison's figures, which the storefront's "How this works" page quotes (a test there compares). */
const JITTER_FIGURES_FILE = 'retry-jitter-figures.json';

/**
 * The retry-storm benchmark: four simulations in simulated time with seeded randomness, so
 * every run prints the same figures. The charts and the jitter figures are written to docs/; the
 * last line is the summary the docs quote.
 */
function main(): void {
  const startedAt = Date.now();
  const contention = contentionReport();
  const herd = herdReport();
  const failureHerd = failureHerdReport();
  const outage = outageReport();

  console.log('# 1. Contention: optimistic-concurrency writers backing off (Brooker, 2015)\n');
  console.log(`${contention.text}\n`);
  console.log('# 2. Herd after Retry-After\n');
  console.log(`${herd.text}\n`);
  console.log('# 3. Herd after a shared failure, per jitter strategy\n');
  console.log(`${failureHerd.text}\n`);
  console.log('# 4. Outage amplification\n');
  console.log(`${outage.text}\n`);

  const charts = [
    ['retry-arrivals.svg', contention.chart],
    ['retry-herd.svg', herd.chart],
    ['retry-outage.svg', outage.chart],
  ] as const;
  mkdirSync(DOCS, { recursive: true });
  for (const [file, chart] of charts) writeFileSync(join(DOCS, file), renderArrivalsChart(chart));
  const jitterFigures = {
    contentionAt100Clients: contention.at100Clients,
    failureHerd: failureHerd.figures,
    outageLoad: { full: round2(outage.outageLoad), proportional: round2(outage.proportionalOutageLoad) },
  };
  writeFileSync(join(DOCS, JITTER_FIGURES_FILE), `${JSON.stringify(jitterFigures, null, 2)}\n`);
  const written = [...charts.map(([file]) => file), JITTER_FIGURES_FILE];
  console.log(`written: ${written.map((file) => relative(process.cwd(), join(DOCS, file))).join(', ')}`);
  console.log(`simulated in ${((Date.now() - startedAt) / 1000).toFixed(1)} s of wall time`);
  console.log(
    `full_vs_none_calls=${contention.fullVsNoneCalls.toFixed(2)} ` +
      `herd_peak_to_mean=${herd.herdPeakToMean.toFixed(2)} ` +
      `outage_load=${outage.outageLoad.toFixed(2)} ` +
      `proportional_vs_full_calls=${(contention.at100Clients.calls.proportional / contention.at100Clients.calls.full).toFixed(2)} ` +
      `failure_herd_full=${failureHerd.figures.full.peakToMean.toFixed(2)} ` +
      `failure_herd_proportional=${failureHerd.figures.proportional.peakToMean.toFixed(2)}`,
  );
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

main();
