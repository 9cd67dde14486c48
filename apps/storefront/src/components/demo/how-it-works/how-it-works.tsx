import Link from 'next/link';
import type { ReactNode } from 'react';
import type { AttemptOutcome } from '@/lib/api';
import { OUTCOME_LABELS } from '../../checkout/timeline-text';
import { BackoffExercise } from './backoff-exercise';
import { MethodsExercise, RepeatedKeyExercise } from './exercises';
import { JitterComparison } from './jitter-comparison';
import { TimelineGlossary } from './timeline-glossary';
import styles from './how-it-works.module.css';

/** The three ways a request can fail, each with what the retry timeline shows, in order, and the verdict after. */
const SCENARIOS: { id: string; title: string; happened: ReactNode; timeline: (AttemptOutcome | 'backoff')[]; verdict: string }[] = [
  {
    id: 'request-lost',
    title: '1. The request is lost',
    happened:
      'The order never reached the shop: the connection dropped on the way there. Nothing happened on the server, so the retry simply places the order.',
    timeline: ['dropped', 'backoff', 'created'],
    verdict: 'Order placed',
  },
  {
    id: 'server-failed',
    title: '2. The server fails',
    happened: (
      <>
        The shop received the order but failed (5xx) before finishing. An order is placed in steps: the order and its stock in one transaction, then the charge,
        then the result. A failure in the first step rolls it back and frees the key; a failure after it leaves the order created and the key at that step. The
        answer cannot tell which, so the retry with the same key does: it places the order, or finishes the one that exists. Once, either way.
      </>
    ),
    timeline: ['server-error', 'backoff', 'created'],
    verdict: 'Order placed',
  },
  {
    id: 'response-lost',
    title: '3. The response is lost',
    happened: (
      <>
        The shop placed the order, but the answer never came back. Without a key, a retry would order a second time: this is the double charge. With the key,
        the shop recognises the retry and answers with the order it already placed, marked <code>Idempotent-Replayed: true</code>.
      </>
    ),
    // The chaos panel's Response lost drops the connection, so the timeline says Dropped; a
    // response that never comes (Slow answer) says Timed out instead, with the same outcome.
    timeline: ['dropped', 'backoff', 'replayed'],
    verdict: 'Order placed (replayed)',
  },
];

const BADGES = { ...OUTCOME_LABELS, backoff: { label: 'backoff', tone: 'warn' } };

/** The three failure scenarios, tied to what the retry timeline shows, and the seed's three exercises answered by the running shop. */
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
      <div className={styles.scenarios}>
        {SCENARIOS.map((s) => (
          <section key={s.id} id={s.id} className="card" aria-labelledby={`${s.id}-title`}>
            <h3 id={`${s.id}-title`}>{s.title}</h3>
            <p>{s.happened}</p>
            <p className={styles.seen}>
              <span className="muted">On the timeline:</span>
              {s.timeline.map((step, i) => (
                <span key={i} className={`badge badge--${BADGES[step].tone}`}>
                  {BADGES[step].label}
                </span>
              ))}
            </p>
            <p className={styles.verdict}>
              Then: <strong>{s.verdict}</strong>
            </p>
          </section>
        ))}
      </div>
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
