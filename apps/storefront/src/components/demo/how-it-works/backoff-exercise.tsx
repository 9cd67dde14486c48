'use client';

import { exponentialCap, type RetryPolicy } from '@safe-checkout/retrying-client';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { fixedStore } from '@/lib/browser-store';
import type { CheckoutRecord } from '@/lib/checkout/checkout-record';
import { checkoutStore } from '@/lib/checkout/checkout-store';
import { formatSeconds } from '@/lib/format';
import { useBrowserStore } from '@/lib/use-browser-store';
import { describeWait } from '../../checkout/timeline-text';
import { useSession } from '../../providers/use-session';
import styles from './how-it-works.module.css';

const POLICY = CHECKOUT_RETRY_POLICY;
const TEXTBOOK = { baseDelayMs: 1, maxDelayMs: Infinity };

/** Exercise 3: the caps of binary exponential backoff, next to what the checkout's own policy does. */
export function BackoffExercise() {
  const longestTotalWaitMs = Array.from({ length: POLICY.retries }, (_, i) => exponentialCap(i + 1, POLICY)).reduce((sum, cap) => sum + cap, 0);
  return (
    <section id="exercise-backoff" className={`card ${styles.exercise}`} aria-labelledby="exercise-backoff-title">
      <h3 id="exercise-backoff-title">3. How long does the 4th retry wait?</h3>
      <p>
        Binary exponential backoff caps the wait before retry <var>n</var> at <code>base · 2^(n-1)</code>: 1, 2, 4, 8 units. The 4th retry waits up to 2
        <sup>3</sup> = 8 units. With full jitter the wait is drawn uniformly between 0 and the cap, so clients that failed together do not come back together;
        it is below the cap, almost never at it.
      </p>
      <BackoffTable policy={POLICY} />
      <p>
        So the checkout waits at most {formatSeconds(longestTotalWaitMs)} in all between its {POLICY.retries + 1} attempts, each of which may take up to{' '}
        {formatSeconds(POLICY.attemptTimeoutMs)}, and never goes on past {formatSeconds(POLICY.deadlineMs)}. When the shop sends <code>Retry-After</code> and
        that is longer than the drawn wait, the client waits that instead (at most {formatSeconds(POLICY.maxDelayMs)}), plus a little jitter. And this tab
        shares one retry budget across all its requests: after a run of failures it stops retrying until requests succeed again, so that a struggling shop is
        not buried in retries.
      </p>
      <LastCheckoutWaits />
    </section>
  );
}

/** Retries 1 to 4 (the seed asks about the 4th), their caps computed by the retrying client's own `exponentialCap`: the page shows what the code does. */
export function BackoffTable({ policy }: { policy: RetryPolicy }) {
  return (
    <table className={styles.backoff} data-testid="backoff-table">
      <thead>
        <tr>
          <th scope="col">Retry</th>
          <th scope="col">Cap, base·2^(n-1)</th>
          {/* Not maxDelayMs: it caps a single wait (and Retry-After), and the checkout gives up before any cap reaches it. */}
          <th scope="col">
            This checkout: base {formatSeconds(policy.baseDelayMs)}, {policy.retries} {policy.retries === 1 ? 'retry' : 'retries'}
          </th>
        </tr>
      </thead>
      <tbody>
        {[1, 2, 3, 4].map((retry) => (
          <tr key={retry}>
            <th scope="row">{retry}</th>
            <td>{retry === 1 ? '1 unit' : `${exponentialCap(retry, TEXTBOOK)} units`}</td>
            <td>
              {retry <= policy.retries
                ? `a random wait between 0 and ${formatSeconds(exponentialCap(retry, policy))}`
                : `none: it makes ${policy.retries} retries, then gives up`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const NO_CHECKOUT = fixedStore<CheckoutRecord | null>(null);

/** The waits this tab's last checkout actually drew, read from its retry timeline. */
function LastCheckoutWaits() {
  const session = useSession();
  const record = useBrowserStore(session ? checkoutStore(session.user.id) : NO_CHECKOUT, null);
  const waits = record?.attempts.flatMap(({ request, attempt, wait }) => (wait ? [{ request, attempt, wait }] : [])) ?? [];
  if (waits.length === 0) return <p className="muted">When a checkout in this tab has retried, the waits it drew are listed here.</p>;
  return (
    <>
      <p>This tab&apos;s last checkout waited:</p>
      <ul data-testid="last-checkout-waits">
        {waits.map(({ request, attempt, wait }) => (
          <li key={`${request}.${attempt}`}>
            {formatSeconds(wait.delayMs)} before request {request}, try {attempt + 1}: {describeWait(wait, wait.retry, 'shop', POLICY.maxDelayMs)}
          </li>
        ))}
      </ul>
    </>
  );
}
