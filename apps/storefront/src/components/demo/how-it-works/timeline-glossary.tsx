import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { formatSeconds } from '@/lib/format';
import styles from './how-it-works.module.css';

/** What else the retry timeline and the checkout's verdict can show, each with an anchor the timeline links to. */
export function TimelineGlossary() {
  return (
    <dl className={styles.more}>
      <dt id="double-click">
        <span className="badge badge--info">Replayed</span> after a double-click, or <span className="badge badge--warn">409 in progress</span>
      </dt>
      <dd>
        You clicked Buy several times with the double-click guard off. The first request ran; the others carried the same key and{' '}
        <code>Prefer: wait={CHECKOUT_RETRY_POLICY.preferWaitSeconds}</code>, so a twin that arrived while the first was still running waited at the shop for its
        answer and got it replayed. Only when that wait runs out does the shop answer 409 in progress with <code>Retry-After</code>, and the client asks again
        later. One order.
      </dd>
      <dt id="reload">
        <span className="badge badge--muted">Cut off by reload</span> then &ldquo;Checking your last checkout&hellip;&rdquo;
      </dt>
      <dd>
        You reloaded or closed the page while the order was on its way. The answer was lost with the page, but the key and the cart it was for are kept in this
        browser, shared by every tab of the shop, so the next page you open first asks again with the same key and the same body before it offers Buy: you see
        the order (replayed), or it is placed now, once.
      </dd>
      <dt id="resumed">
        <span className="badge badge--ok">Resumed</span>
      </dt>
      <dd>
        An earlier attempt created the order but did not finish it (typically the payment provider did not answer). The shop says so in its{' '}
        <code>Idempotency-Outcome: resumed</code> header: this attempt carried the same key, so the shop continued that order from where it stopped instead of
        creating another. The timeline shows what the shop says it did, never a guess.
      </dd>
      <dt id="browser-resend">
        <span className="badge badge--info">Replayed: the browser re-sent it</span>
      </dt>
      <dd>
        The page made one try, yet the shop answered <code>Idempotent-Replayed</code>. The connection dropped after the request had reached the shop, and the
        browser re-sent the same request, same key, by itself. The shop ran the first copy and replayed its answer to the second: one order.
      </dd>
      <dt id="slow-answer">
        <span className="badge badge--bad">Timed out</span> then <span className="badge badge--warn">409 in progress</span>,{' '}
        <span className="badge badge--info">Replayed</span> or <span className="badge badge--ok">Created</span>
      </dt>
      <dd>
        The answer took longer than the client waits for one attempt ({formatSeconds(CHECKOUT_RETRY_POLICY.attemptTimeoutMs)}). The client gives up on that
        attempt, not on the order: it retries with the same key. If the first request is still running, the retry waits for it or is told 409 in progress; once
        it has finished, the retry gets its stored answer; if the retry gets there first, it places the order and the late request is replayed. One order either
        way.
      </dd>
      <dt id="waits">Waits</dt>
      <dd>
        Between attempts the client waits a random time under an exponentially growing cap (full jitter), or what the shop asked for in <code>Retry-After</code>{' '}
        plus a little jitter, so that many customers retrying at once do not hit the shop in the same instant (the{' '}
        <a href="#exercise-backoff">third exercise</a> below has the numbers). It gives up after {CHECKOUT_RETRY_POLICY.retries} retries or{' '}
        {formatSeconds(CHECKOUT_RETRY_POLICY.deadlineMs)}, or sooner when this tab&apos;s retry budget is spent, and tells you what the last attempt settled.
      </dd>
      <dt id="definite-failure">
        <span className="badge badge--bad">Definitely failed</span>
      </dt>
      <dd>
        A 4xx answer such as &ldquo;not enough stock&rdquo; or a product that no longer exists: the shop refused the order, nothing was ordered, and retrying
        cannot change it. Or the request was turned away before it ran (signed out, too many requests). No answer, or the shop&apos;s own 5xx, is never a
        definite failure of an order: the shop may have failed after the order was created, so the page says the outcome is unknown rather than guessing.
      </dd>
      <dt id="card-declined">
        <span className="badge badge--bad">Rejected</span> HTTP 402: your card was declined
      </dt>
      <dd>
        Placing an order charges the card you chose at the payment provider. A declined card (or one the provider does not know) is a definite failure: nothing
        was charged, the order is marked payment failed, its items go back into stock, and your cart is kept. The shop stores that answer with the key, so
        another card, or another try, is a new checkout with a new key.
      </dd>
      <dt id="payment-unknown">
        <span className="badge badge--bad">5xx</span> HTTP 503: the payment provider did not answer
      </dt>
      <dd>
        The charge is a second network hop, with the same three scenarios as yours. When the provider does not answer, the shop has created the order but cannot
        know whether the card was charged, and says so. The card stays locked: &ldquo;Check again&rdquo; sends the same key and the same card, and the shop
        resumes at the charge with a key of its own derived from the order, so the provider charges at most once. If nobody asks again, the shop finishes the
        checkout by itself once the provider answers.
      </dd>
      <dt id="unknown-locks-cart">&ldquo;Outcome unknown&rdquo; and a changed cart</dt>
      <dd>
        While an order&apos;s outcome is unknown, Buy now is off for any other cart: it would be a second order, with a new key, while the first may exist.
        Check again first; once the shop has answered, the new cart is a checkout of its own.
      </dd>
    </dl>
  );
}
