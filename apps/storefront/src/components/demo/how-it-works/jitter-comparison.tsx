import { formatSeconds } from '@/lib/format';
import { JITTER_FIGURES, JITTER_ROWS, fullVersusProportional } from './jitter-figures';
import styles from './how-it-works.module.css';

/**
 * The seed's jitter example (±25 % around a 2 s wait) beside the other strategies, with the
 * figures of `npm run bench:backoff`, and why the checkout uses full jitter.
 */
export function JitterComparison() {
  const { peak, meanReturn, contention, outage } = fullVersusProportional(JITTER_FIGURES);
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
          {JITTER_ROWS.map(({ jitter, label }) => (
            <tr key={jitter} data-jitter={jitter}>
              <th scope="row">{label}</th>
              <td>{JITTER_FIGURES.failureHerd[jitter].peakToMean.toFixed(1)}</td>
              <td>{formatSeconds(JITTER_FIGURES.failureHerd[jitter].meanWaitMs)}</td>
              <td>
                {formatSeconds(JITTER_FIGURES.contentionAt100Clients.completionMs[jitter])}, {JITTER_FIGURES.contentionAt100Clients.calls[jitter]} calls
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="jitter-why">
        ±25 % already breaks the herd: the busiest moment drops from {peak.none} times the mean to {peak.proportional}. Full jitter spreads the same clients
        over the whole 0–2 s, twice as wide, so its busiest moment is lower still ({peak.full}) and its clients are back sooner ({meanReturn.full} on average,
        against {meanReturn.proportional}). When clients keep colliding, full jitter is done in {contention.full}, ±25 % in {contention.proportional}. A failed
        server sees the same load either way ({outage.full} and {outage.proportional} attempts per request offered: the retry budget caps it). Full
        jitter&apos;s cost is that some retries come almost at once, which is safe here because every retry carries the same idempotency key. So the checkout
        uses full jitter; ±25 % suits a client that must keep close to its schedule.
      </p>
    </section>
  );
}
