import type { JitterStrategy } from '@safe-checkout/retrying-client';
import { formatSeconds } from '@/lib/format';

/** What `npm run bench:backoff` measures of each jitter strategy (docs/retries.md, sections 1, 3 and 4). */
export interface JitterFigures {
  /** Brooker's contention model with 100 clients: write calls, and when the last one finished in milliseconds. */
  contentionAt100Clients: { calls: Record<JitterStrategy, number>; completionMs: Record<JitterStrategy, number> };
  /** 1000 clients failing together, each retrying once after a 2 s backoff: busiest 10 ms ÷ mean, and their mean return. */
  failureHerd: Record<JitterStrategy, { peakToMean: number; meanWaitMs: number }>;
  /** Attempts reaching a failed server per request offered, with the retry budget. */
  outageLoad: { full: number; proportional: number };
}

/**
 * The jitter figures of `npm run bench:backoff` (docs/retry-jitter-figures.json), copied here so
 * the page needs no file outside the storefront; jitter-figures.spec.ts fails when they differ.
 */
export const JITTER_FIGURES: JitterFigures = {
  contentionAt100Clients: {
    calls: {
      none: 1852,
      full: 795,
      equal: 812,
      decorrelated: 996,
      proportional: 815,
    },
    completionMs: {
      none: 63187,
      full: 4892,
      equal: 6645,
      decorrelated: 4539,
      proportional: 8420,
    },
  },
  failureHerd: {
    none: {
      peakToMean: 308.39,
      meanWaitMs: 2020,
    },
    proportional: {
      peakToMean: 11.29,
      meanWaitMs: 2017,
    },
    equal: {
      peakToMean: 10.78,
      meanWaitMs: 1522,
    },
    full: {
      peakToMean: 6.99,
      meanWaitMs: 1025,
    },
    decorrelated: {
      peakToMean: 5.07,
      meanWaitMs: 4017,
    },
  },
  outageLoad: {
    full: 1.03,
    proportional: 1.03,
  },
};

/** The rows of the comparison, in the order the page shows them, with what each waits for a 2 s backoff. */
export const JITTER_ROWS: readonly { jitter: JitterStrategy; label: string }[] = [
  { jitter: 'none', label: 'none: exactly 2 s' },
  { jitter: 'proportional', label: 'proportional ±25 %: 1.5–2.5 s' },
  { jitter: 'equal', label: 'equal: 1–2 s' },
  { jitter: 'full', label: 'full (this shop): 0–2 s' },
  { jitter: 'decorrelated', label: 'decorrelated: 2–6 s' },
];

/** The figures the page's argument quotes, formatted as it shows them. */
export function fullVersusProportional(figures: JitterFigures) {
  const peak = (jitter: JitterStrategy) => figures.failureHerd[jitter].peakToMean.toFixed(1);
  const meanReturn = (jitter: JitterStrategy) => formatSeconds(figures.failureHerd[jitter].meanWaitMs);
  const done = (jitter: JitterStrategy) => formatSeconds(figures.contentionAt100Clients.completionMs[jitter]);
  const { calls } = figures.contentionAt100Clients;
  return {
    peak: { none: peak('none'), proportional: peak('proportional'), full: peak('full') },
    meanReturn: { proportional: meanReturn('proportional'), full: meanReturn('full') },
    contention: { full: `${done('full')} with ${calls.full} calls`, proportional: `${done('proportional')} with ${calls.proportional} calls` },
    outage: { full: figures.outageLoad.full.toFixed(2), proportional: figures.outageLoad.proportional.toFixed(2) },
  };
}
