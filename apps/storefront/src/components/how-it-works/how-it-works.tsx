import Link from 'next/link';
import type { ReactNode } from 'react';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { formatSeconds } from '@/lib/format';
import styles from './how-it-works.module.css';

type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'muted';

interface Scenario {
  id: string;
  title: string;
  happened: ReactNode;
  /** The badges the retry timeline shows, in order. */
  timeline: { label: string; tone: Tone }[];
  verdict: string;
}

const SCENARIOS: Scenario[] = [
  {
    id: 'request-lost',
    title: '1. The request is lost',
    happened: 'The order never reached the shop: the connection dropped on the way there. Nothing happened on the server, so the retry simply places the order.',
    timeline: [
      { label: 'Dropped', tone: 'bad' },
      { label: 'backoff', tone: 'warn' },
      { label: 'Created', tone: 'ok' },
    ],
    verdict: 'Order placed',
  },
  {
    id: 'server-failed',
    title: '2. The server fails',
    happened: 'The shop received the order but crashed or answered 5xx before finishing. Its database transaction rolled back and the key was released, so the retry runs the order once.',
    timeline: [
      { label: '5xx', tone: 'bad' },
      { label: 'backoff', tone: 'warn' },
      { label: 'Created', tone: 'ok' },
    ],
    verdict: 'Order placed',
  },
  {
    id: 'response-lost',
    title: '3. The response is lost',
    happened: (
      <>
        The shop placed the order, but the answer never came back. Without a key, a retry would order a second time: this is the double charge.
        With the key, the shop recognises the retry and answers with the order it already placed, marked <code>Idempotent-Replayed: true</code>.
      </>
    ),
    timeline: [
      { label: 'Timed out', tone: 'bad' },
      { label: 'backoff', tone: 'warn' },
      { label: 'Replayed', tone: 'info' },
    ],
    verdict: 'Order placed (replayed)',
  },
];

/** The three failure scenarios, tied to what the checkout's retry timeline shows. */
export function HowItWorks() {
  return (
    <article className={styles.page}>
      <h1 id="top">How this works</h1>
      <p className={styles.lead}>
        When you press Buy, the page mints one <strong>idempotency key</strong> for this checkout and keeps it in this tab until the order is confirmed.
        Every request for it (each click, each automatic retry, a &ldquo;check again&rdquo; after a reload) carries the same key. The shop stores the
        answer of the first request that completes under that key and replays it to all the others, so the order exists at most once whatever the
        network does.
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
                <span key={i} className={`badge badge--${step.tone}`}>
                  {step.label}
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
        From the browser, scenarios 1 and 3 look the same: no answer. That is why the timeline calls them <em>dropped</em> or <em>timed out</em> and
        says the order &ldquo;may or may not&rdquo; have reached the shop. Only the retry with the same key can tell, and it is safe either way.
      </p>

      <h2>What else you may have seen</h2>
      <dl className={styles.more}>
        <dt id="double-click">
          <span className="badge badge--warn">409 in progress</span> then <span className="badge badge--info">Replayed</span>
        </dt>
        <dd>
          You clicked Buy several times with the double-click guard off. The first request ran; the others arrived while it was still running, were
          told to come back after <code>Retry-After</code> seconds, and then received the stored answer. One order.
        </dd>
        <dt id="reload">
          <span className="badge badge--muted">Cut off by reload</span> then &ldquo;Outcome unknown&rdquo;
        </dt>
        <dd>
          You reloaded while the order was on its way. The answer was lost with the page, but the key was kept in this tab, so &ldquo;Check
          again&rdquo; asks with the same key: you see the order (replayed) or it is placed now, once.
        </dd>
        <dt id="slow-answer">
          <span className="badge badge--bad">Timed out</span> then <span className="badge badge--warn">409 in progress</span>,{' '}
          <span className="badge badge--info">Replayed</span> or <span className="badge badge--ok">Created</span>
        </dt>
        <dd>
          The answer took longer than the client waits for one attempt ({formatSeconds(CHECKOUT_RETRY_POLICY.attemptTimeoutMs)}). The client gives up
          on that attempt, not on the order: it retries with the same key. If the first request is still running, the shop answers 409 in progress;
          once it has finished, the retry gets its stored answer; if the retry gets there first, it places the order and the late request is
          replayed. One order either way.
        </dd>
        <dt id="waits">Waits</dt>
        <dd>
          Between attempts the client waits a random time under an exponentially growing cap (full jitter), or what the shop asked for in{' '}
          <code>Retry-After</code> plus a little jitter, so that many customers retrying at once do not hit the shop in the same instant. It gives
          up after a few tries or 30 seconds and tells you what the last attempt settled: a failure the shop reported (5xx) saved nothing, so
          that is a definite failure; no answer leaves the outcome unknown, and the page says so rather than guessing.
        </dd>
        <dt id="definite-failure">
          <span className="badge badge--bad">Definitely failed</span>
        </dt>
        <dd>
          A 4xx answer such as &ldquo;not enough stock&rdquo;: the shop refused the order, nothing was ordered, and retrying cannot change it. Or
          the shop&apos;s own 5xx answer to the last attempt: it rolled the order back and saved nothing, so trying again (same key) is safe.
        </dd>
        <dt id="card-declined">
          <span className="badge badge--bad">Rejected</span> HTTP 402: your card was declined
        </dt>
        <dd>
          Placing an order charges the card you chose at the payment provider. A declined card (or one the provider does not know) is a definite
          failure: nothing was charged, the order is marked payment failed, its items go back into stock, and your cart is kept. The shop stores
          that answer with the key, so another card, or another try, is a new checkout with a new key.
        </dd>
        <dt id="payment-unknown">
          <span className="badge badge--bad">5xx</span> HTTP 503: the payment provider did not answer
        </dt>
        <dd>
          The charge is a second network hop, with the same three scenarios as yours. When the provider does not answer, the shop has created the
          order but cannot know whether the card was charged, and says so. The card stays locked: &ldquo;Check again&rdquo; sends the same key and
          the same card, and the shop resumes at the charge with a key of its own derived from the order, so the provider charges at most once. If
          nobody asks again, the shop finishes the checkout by itself once the provider answers.
        </dd>
        <dt id="profile">Profile saves</dt>
        <dd>
          Saving the profile is a <code>PUT</code> of the whole profile: sending it twice leaves the same result, so it needs no key. It carries the
          version you loaded (<code>If-Match</code>); if someone saved in another tab meanwhile, the shop answers 412 instead of overwriting their
          change. The page then reads their version and saves only the fields you edited on top of it; where you both changed the same field,
          you choose.
        </dd>
      </dl>

      <p className={styles.try}>
        Try it: <Link href="/">add something to your cart</Link>, turn off the double-click guard in the <Link href="/cart">cart</Link>, and click Buy
        as fast as you can. Then look at your <Link href="/orders">orders</Link>.
      </p>
    </article>
  );
}
