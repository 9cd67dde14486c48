import Link from 'next/link';
import { BackoffExercise } from './backoff-exercise';
import { FailureScenarios } from './failure-scenarios';
import { JitterComparison } from './jitter-comparison';
import { MethodsExercise } from './methods-exercise';
import { RepeatedKeyExercise } from './repeated-key-exercise';
import { TimelineGlossary } from './timeline-glossary';
import styles from './how-it-works.module.css';

/**
 * The three failure scenarios, tied to what the checkout's retry timeline shows, and the three
 * exercises of the seed answered on the running shop (live requests for the signed-in customer).
 */
export function HowItWorks() {
  return (
    <article className={styles.page}>
      <h1 id="top">How this works</h1>
      <p className={styles.lead}>
        When you press Buy, the page mints one <strong>idempotency key</strong> for this checkout and keeps it in this browser, shared by every tab of the shop,
        until the shop has answered. Every request for it (each click, each automatic retry, a &ldquo;check again&rdquo; after a reload) carries the same key.
        The shop stores the answer of the first request that completes under that key and replays it to all the others, so the order exists at most once
        whatever the network does.
      </p>

      <h2>Three ways a request can fail</h2>
      <FailureScenarios />
      <p>
        From the browser, scenarios 1 and 3 look the same: no answer. That is why the timeline calls them <em>dropped</em> or <em>timed out</em> and says the
        order &ldquo;may or may not&rdquo; have reached the shop. Only the retry with the same key can tell, and it is safe either way.
      </p>

      <h2>What else you may have seen</h2>
      <TimelineGlossary />

      <h2 id="exercises">Three exercises, answered by this shop</h2>
      <p>The buttons below send real requests to the shop, as the signed-in customer, and show what it answered. None of them can order twice.</p>
      <div className={styles.exercises}>
        <MethodsExercise />
        <RepeatedKeyExercise />
        <BackoffExercise />
      </div>

      <JitterComparison />

      <p className={styles.try}>
        Try it: <Link href="/">add something to your cart</Link>, turn off the double-click guard in the <Link href="/cart">cart</Link>, and click Buy as fast
        as you can. Then look at your <Link href="/orders">orders</Link>.
      </p>
    </article>
  );
}
