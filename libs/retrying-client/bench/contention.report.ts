import type { JitterStrategy } from '../src';
import { CONTENTION_STRATEGIES, simulateContention } from './contention.sim';
import { histogram } from './herd.sim';
import { seededRandom } from './seeded-random';
import type { ChartSpec } from './svg-chart';
import { textTable } from './text-table';

const CLIENT_COUNTS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const SEEDS = 100;
const CHART_CLIENTS = 100;
const CHART_WINDOW_MS = 10_000;
const CHART_BIN_MS = 50;

/** Brooker's contention model for every strategy and client count, averaged over 100 seeds. */
export function contentionReport() {
  const means = CONTENTION_STRATEGIES.map((strategy) =>
    CLIENT_COUNTS.map((clients) => {
      let calls = 0;
      let completionMs = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const run = simulateContention(clients, strategy, seededRandom(seed * 7919 + clients));
        calls += run.calls;
        completionMs += run.completionMs;
      }
      return { calls: calls / SEEDS, completionMs: completionMs / SEEDS };
    }),
  );
  const header = ['strategy \\ clients', ...CLIENT_COUNTS.map(String)];
  const rows = (pick: (m: { calls: number; completionMs: number }) => number) =>
    CONTENTION_STRATEGIES.map((s, i) => [s.label, ...means[i].map((m) => Math.round(pick(m)))]);
  const at100 = (label: string) => means[CONTENTION_STRATEGIES.findIndex((s) => s.label === label)].at(-1) ?? { calls: NaN, completionMs: NaN };
  const fullVsNoneCalls = at100('full jitter').calls / at100('exponential, no jitter').calls;
  const byJitter = (pick: (m: { calls: number; completionMs: number }) => number): Record<JitterStrategy, number> => ({
    none: Math.round(pick(at100('exponential, no jitter'))),
    full: Math.round(pick(at100('full jitter'))),
    equal: Math.round(pick(at100('equal jitter'))),
    decorrelated: Math.round(pick(at100('decorrelated jitter'))),
    proportional: Math.round(pick(at100('proportional jitter ±25 %'))),
  });

  return {
    text: [
      `Total write calls (mean of ${SEEDS} seeded runs)`,
      textTable(
        header,
        rows((m) => m.calls),
      ),
      '',
      `Completion time, ms (mean of ${SEEDS} seeded runs)`,
      textTable(
        header,
        rows((m) => m.completionMs),
      ),
    ].join('\n'),
    fullVsNoneCalls,
    /** Calls and completion time at 100 clients per jitter strategy, for the jitter figures. */
    at100Clients: { calls: byJitter((m) => m.calls), completionMs: byJitter((m) => m.completionMs) },
    chart: contentionChart(),
  };
}

function contentionChart(): ChartSpec {
  const panels = CONTENTION_STRATEGIES.filter((s) => s.charted).map((strategy) => {
    const run = simulateContention(CHART_CLIENTS, strategy, seededRandom(7919 + CHART_CLIENTS));
    const shown = run.writeTimesMs.filter((t) => t < CHART_WINDOW_MS);
    const note = `${run.calls} calls, done at ${(run.completionMs / 1000).toFixed(1)} s`;
    return { label: strategy.label, note, counts: histogram(shown, 0, CHART_WINDOW_MS - 1, CHART_BIN_MS) };
  });
  return {
    title: `Write calls reaching the database: ${CHART_CLIENTS} contending clients (Brooker's OCC model)`,
    subtitle: 'One seeded run per strategy, first 10 s; base 5 ms, cap 2 s, network |N(10 ms, 2 ms)|',
    startMs: 0,
    binMs: CHART_BIN_MS,
    panels,
    sharedScale: true,
  };
}
