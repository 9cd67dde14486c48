import { RETRYING_CLIENT_DEFAULTS, retryDelayMs, type JitterStrategy } from '../src';
import { HERD_BIN_MS, HERD_CLIENTS, histogram, peakToMean, simulateHerd, type HerdPolicy } from './herd.sim';
import { seededRandom } from './seeded-random';
import { textTable } from './text-table';

const SEEDS = 20;
// The seed's example: "if all clients wait exactly 2 s" after failing together.
const BASE_DELAY_MS = 2000;

const STRATEGIES: readonly { label: string; jitter: JitterStrategy }[] = [
  { label: 'none: exactly 2 s', jitter: 'none' },
  { label: 'proportional ±25 %: 1.5–2.5 s', jitter: 'proportional' },
  { label: 'equal: 1–2 s', jitter: 'equal' },
  { label: 'full (default): 0–2 s', jitter: 'full' },
  { label: 'decorrelated: 2–6 s', jitter: 'decorrelated' },
];

// The first retry of each client, through the library's own retryDelayMs, with no Retry-After.
const POLICIES: readonly HerdPolicy[] = STRATEGIES.map(({ label, jitter }) => ({
  label,
  delayMs: (random) => retryDelayMs({ retry: 1, previousDelayMs: BASE_DELAY_MS }, { ...RETRYING_CLIENT_DEFAULTS, baseDelayMs: BASE_DELAY_MS, jitter }, random),
}));

/** Peak-to-mean of each jitter strategy's returns, keyed by strategy. */
export type FailureHerdFigures = Record<JitterStrategy, { peakToMean: number; meanWaitMs: number }>;

/**
 * The herd after a failure without `Retry-After`: 1000 clients fail at the same moment and retry
 * once after a 2 s backoff under each jitter strategy, averaged over 20 seeds. Peak-to-mean is
 * taken over one window shared by every strategy, as in the `Retry-After` herd.
 */
export function failureHerdReport() {
  const totals = POLICIES.map(() => ({ peak: 0, peakToMean: 0, meanWaitMs: 0 }));
  for (let seed = 1; seed <= SEEDS; seed++) {
    const arrivals = POLICIES.map((policy, i) => simulateHerd(policy, seededRandom(seed * 7_727 + i)));
    const all = arrivals.flat();
    const startMs = Math.floor(Math.min(...all) / HERD_BIN_MS) * HERD_BIN_MS;
    const endMs = Math.max(...all);
    arrivals.forEach((times, i) => {
      const counts = histogram(times, startMs, endMs, HERD_BIN_MS);
      totals[i].peak += Math.max(...counts) / SEEDS;
      totals[i].peakToMean += peakToMean(counts) / SEEDS;
      totals[i].meanWaitMs += times.reduce((a, b) => a + b, 0) / times.length / SEEDS;
    });
  }
  const rows = STRATEGIES.map((s, i) => [s.label, totals[i].peak.toFixed(0), totals[i].peakToMean.toFixed(2), totals[i].meanWaitMs.toFixed(0)]);
  const figures = Object.fromEntries(
    STRATEGIES.map((s, i) => [s.jitter, { peakToMean: round2(totals[i].peakToMean), meanWaitMs: Math.round(totals[i].meanWaitMs) }]),
  ) as FailureHerdFigures;
  return {
    text: [
      `${HERD_CLIENTS} clients fail at once (no Retry-After) and retry after a ${BASE_DELAY_MS / 1000} s backoff (mean of ${SEEDS} seeded runs)`,
      textTable(['jitter', `peak per ${HERD_BIN_MS} ms`, 'peak/mean', 'mean return ms'], rows),
    ].join('\n'),
    figures,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
