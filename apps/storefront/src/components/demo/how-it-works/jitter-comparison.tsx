import type { JitterStrategy } from '@safe-checkout/retrying-client';
import { formatSeconds } from '@/lib/format';
import styles from './how-it-works.module.css';

/**
 * Each strategy, in the order the page shows them, with what it waits for a 2 s backoff, and what `npm run bench:backoff` measured of it
 * (docs/retries.md, sections 1, 3 and 4): 1000 clients failing together, each retrying once (the busiest 10 ms ÷ the mean, and
 * their mean return); 100 clients contending for one row (when the last one finished, and the calls made). A copy of
 * docs/retry-jitter-figures.json, which this app may not import: jitter-comparison.spec.ts fails when they differ.
 */
export const JITTER: Record<JitterStrategy, { label: string; peakToMean: number; meanWaitMs: number; completionMs: number; calls: number }> = {
  none: { label: 'none: exactly 2 s', peakToMean: 308.39, meanWaitMs: 2020, completionMs: 63187, calls: 1852 },
  proportional: { label: 'proportional ±25 %: 1.5–2.5 s', peakToMean: 11.29, meanWaitMs: 2017, completionMs: 8420, calls: 815 },
  equal: { label: 'equal: 1–2 s', peakToMean: 10.78, meanWaitMs: 1522, completionMs: 6645, calls: 812 },
  full: { label: 'full (this shop): 0–2 s', peakToMean: 6.99, meanWaitMs: 1025, completionMs: 4892, calls: 795 },
  decorrelated: { label: 'decorrelated: 2–6 s', peakToMean: 5.07, meanWaitMs: 4017, completionMs: 4539, calls: 996 },
};

/** Attempts reaching a failed server per request offered, with the retry budget. */
export const OUTAGE_LOAD = { full: 1.03, proportional: 1.03 };

type Figures = (typeof JITTER)[JitterStrategy];
const peak = (f: Figures) => f.peakToMean.toFixed(1);
const meanReturn = (f: Figures) => formatSeconds(f.meanWaitMs);
const doneAfter = (f: Figures) => `${formatSeconds(f.completionMs)} with ${f.calls} calls`;
const { none, proportional, full } = JITTER;

/** The seed's jitter example (±25 % around a 2 s wait) beside the other strategies, measured, and why the checkout uses full jitter. */
export function JitterComparison() {
  return (
    <section id="jitter" className={`card ${styles.jitter}`} aria-labelledby="jitter-title">
      <h2 id="jitter-title">Which jitter? The seed&apos;s ±25 %, and why this shop uses full jitter</h2>
      <p>
        The seed&apos;s example: if all clients wait exactly 2 s after failing together, they come back together; with ±25 % they wait between 1.5 s and 2.5 s
        instead (gRPC reconnects with ±20 %). The retrying client offers that as <code>proportional</code> jitter beside <code>full</code>, <code>equal</code>{' '}
        and <code>decorrelated</code>. What each buys, simulated by <code>npm run bench:backoff</code> with seeded randomness:
      </p>
      <table className={styles.backoff} data-testid="jitter-table">
        <thead>
          <tr>
            <th scope="col">Jitter, for a 2 s backoff</th>
            <th scope="col">1000 clients failing together: busiest 10 ms ÷ mean</th>
            <th scope="col">Their mean return</th>
            <th scope="col">100 clients contending for one row: done after</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(JITTER).map(([jitter, figures]) => (
            <tr key={jitter} data-jitter={jitter}>
              <th scope="row">{figures.label}</th>
              <td>{peak(figures)}</td>
              <td>{meanReturn(figures)}</td>
              <td>{doneAfter(figures)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="jitter-why">
        ±25 % already breaks the herd: the busiest moment drops from {peak(none)} times the mean to {peak(proportional)}. Full jitter spreads the same clients
        over the whole 0–2 s, twice as wide, so its busiest moment is lower still ({peak(full)}) and its clients are back sooner ({meanReturn(full)} on average,
        against {meanReturn(proportional)}). When clients keep colliding, full jitter is done in {doneAfter(full)}, ±25 % in {doneAfter(proportional)}. A failed
        server sees the same load either way ({OUTAGE_LOAD.full.toFixed(2)} and {OUTAGE_LOAD.proportional.toFixed(2)} attempts per request offered: the retry
        budget caps it). Full jitter&apos;s cost is that some retries come almost at once, which is safe here because every retry carries the same idempotency
        key. So the checkout uses full jitter; ±25 % suits a client that must keep close to its schedule.
      </p>
    </section>
  );
}
