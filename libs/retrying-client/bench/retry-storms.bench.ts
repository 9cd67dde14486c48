import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contentionReport } from './contention.report';
import { herdReport } from './herd.report';
import { outageReport } from './outage.report';
import { renderArrivalsChart } from './svg-chart';

// Compiled to libs/retrying-client/dist-bench/bench/: the repository's docs/ is four levels up.
const DOCS = join(__dirname, '..', '..', '..', '..', 'docs');

/**
 * The retry-storm benchmark: three simulations in simulated time with seeded randomness, so
 * every run prints the same figures. The charts are written to docs/; the last line is the
 * summary the docs quote.
 */
function main(): void {
  const startedAt = Date.now();
  const contention = contentionReport();
  const herd = herdReport();
  const outage = outageReport();

  console.log('# 1. Contention: optimistic-concurrency writers backing off (Brooker, 2015)\n');
  console.log(`${contention.text}\n`);
  console.log('# 2. Herd after Retry-After\n');
  console.log(`${herd.text}\n`);
  console.log('# 3. Outage amplification\n');
  console.log(`${outage.text}\n`);

  const charts = [
    ['retry-arrivals.svg', contention.chart],
    ['retry-herd.svg', herd.chart],
    ['retry-outage.svg', outage.chart],
  ] as const;
  mkdirSync(DOCS, { recursive: true });
  for (const [file, chart] of charts) writeFileSync(join(DOCS, file), renderArrivalsChart(chart));
  console.log(`charts: ${charts.map(([file]) => relative(process.cwd(), join(DOCS, file))).join(', ')}`);
  console.log(`simulated in ${((Date.now() - startedAt) / 1000).toFixed(1)} s of wall time`);
  console.log(
    `full_vs_none_calls=${contention.fullVsNoneCalls.toFixed(2)} ` +
      `herd_peak_to_mean=${herd.herdPeakToMean.toFixed(2)} ` +
      `outage_load=${outage.outageLoad.toFixed(2)}`,
  );
}

main();
