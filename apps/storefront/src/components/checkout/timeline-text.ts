import { CHECKOUT_RETRY_POLICY, type AttemptOutcome, type ChargeWait, type GiveUpReason } from '@/lib/api';
import type { TimelineAttempt } from '@/lib/checkout/checkout-record';
import { formatSeconds } from '@/lib/format';

export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'muted';

export const OUTCOME_LABELS: Record<AttemptOutcome, { label: string; tone: Tone }> = {
  sent: { label: 'Sent, waiting…', tone: 'muted' },
  dropped: { label: 'Dropped', tone: 'bad' },
  'timed-out': { label: 'Timed out', tone: 'bad' },
  'server-error': { label: '5xx', tone: 'bad' },
  'in-progress': { label: '409 in progress', tone: 'warn' },
  created: { label: 'Created', tone: 'ok' },
  resumed: { label: 'Resumed', tone: 'ok' },
  replayed: { label: 'Replayed', tone: 'info' },
  rejected: { label: 'Rejected', tone: 'bad' },
  'cut-off': { label: 'Cut off by reload', tone: 'muted' },
};

/**
 * A replay answering the checkout's very first try: no earlier attempt with this key left the page,
 * so the stored answer came from a copy the browser re-sent by itself (Chromium does, up to twice,
 * when a reused keep-alive connection closes before any answer) after the first had reached the shop.
 */
export function isBrowserResend(a: TimelineAttempt): boolean {
  return a.outcome === 'replayed' && a.request === 1 && a.attempt === 1;
}

export function outcomeLabel(a: TimelineAttempt): string {
  return isBrowserResend(a) ? 'Replayed: the browser re-sent it' : OUTCOME_LABELS[a.outcome].label;
}

export function describeAnswer(a: TimelineAttempt): string {
  const status = a.status === undefined ? '' : `HTTP ${a.status}`;
  if (isBrowserResend(a)) {
    return `${status} with Idempotent-Replayed on this page's only try: the connection dropped after the request had reached the shop, and the browser re-sent the same request, same key, by itself. The shop placed the order for the first copy and replayed its answer to the second: one order.`;
  }
  switch (a.outcome) {
    case 'sent':
      return 'No answer yet.';
    case 'dropped':
      return 'The connection failed before any answer arrived: the order may or may not have reached the shop.';
    case 'timed-out':
      return 'No answer in time: the order may or may not have reached the shop.';
    case 'server-error':
      // payments.md §2: the order exists and the key waits at the charge for a retry.
      if (a.slug === 'payment-provider-unavailable') {
        return `${status}: the order exists, but the payment provider did not answer, so the charge is unknown. The same key resumes at the charge, which is never made twice.`;
      }
      // payments.md: POST /orders is a chain of phases, and a 5xx can come after the order was
      // created (the key then waits at its recovery point). An error page from something in
      // front of the shop (a gateway's 502 or 504) says even less.
      return a.slug
        ? `${status}: the shop failed partway. An order is placed in steps, and this failure may have come after the order was created, so it may or may not exist. The same key resumes it and never places it twice.`
        : `${status}, not the shop's own answer: something in front of it failed, and the order may or may not have reached the shop.`;
    case 'in-progress':
      return `${status}: another request with this key is still running; asked to come back later.`;
    case 'created':
      return `${status}: the order was created by this attempt.`;
    case 'resumed':
      return `${status} with Idempotency-Outcome: resumed: the order already existed (an earlier attempt created it), and this attempt finished it where that one stopped, charging the card at most once. Nothing was ordered twice.`;
    case 'replayed':
      return `${status} with Idempotent-Replayed: the stored answer of the order already placed with this key. Nothing new was ordered.`;
    case 'rejected':
      if (a.slug === 'payment-declined' || a.slug === 'payment-method-invalid') {
        const refused = a.slug === 'payment-declined' ? 'the card was declined' : 'the provider does not know this card';
        return `${status}: ${refused}, nothing was charged. A final answer for this key${a.replayed ? ' (replayed)' : ''}: another card is a new checkout.`;
      }
      return `${status}: a final answer${a.replayed ? ' (replayed: stored from an earlier request with this key)' : ''}. Retrying cannot change it.`;
    case 'cut-off':
      return 'The page that sent it was closed or reloaded before the answer arrived.';
  }
}

/**
 * Why a retrying client waited as long as it did before retry `retry`, as its own decision says:
 * the checkout's (`who` = `shop`, capped at its `maxDelayMs`) or the shop's own at the provider.
 */
export function describeWait(wait: ChargeWait, retry: number, who: 'shop' | 'provider', maxDelayMs?: number): string {
  const { delayMs, capMs, retryAfterMs } = wait;
  if (wait.basis === 'retry-after' && retryAfterMs !== undefined) {
    const honouredMs = Math.min(retryAfterMs, maxDelayMs ?? Infinity);
    const clamped = retryAfterMs > honouredMs ? ` (capped at ${formatSeconds(honouredMs)}, the client's longest wait)` : '';
    const jitter = maxDelayMs === undefined ? '' : `${formatSeconds(delayMs - honouredMs)} of `;
    return `the ${who} said Retry-After: ${formatSeconds(retryAfterMs)}${clamped}, plus ${jitter}random jitter so that clients do not all return at once`;
  }
  const between = capMs === undefined ? '' : ` between 0 and ${formatSeconds(capMs)}`;
  const backoff = `exponential backoff: a random wait${between} (full jitter; the cap doubles with each retry, this was retry ${retry})`;
  return retryAfterMs === undefined ? backoff : `${backoff}, longer than the ${formatSeconds(retryAfterMs)} the ${who} asked for in Retry-After`;
}

// Why the client made no more attempts; a final answer (or no retries allowed at all) speaks for itself.
export const GIVE_UPS: Partial<Record<GiveUpReason, string>> = {
  'retries-exhausted': `No retries left: the client makes at most ${CHECKOUT_RETRY_POLICY.retries} after the first attempt.`,
  'budget-exhausted':
    "The client stopped retrying: this tab's retry budget is spent (too many failed attempts lately), so it stops adding load to a shop that is failing.",
  'deadline-exceeded': `The client stopped retrying: another attempt could not have finished within the request's ${formatSeconds(CHECKOUT_RETRY_POLICY.deadlineMs)}.`,
};

/** The section of the How-this-works page that explains what this checkout went through. */
export function explainerAnchor(attempts: readonly TimelineAttempt[]): string {
  const saw = (...outcomes: AttemptOutcome[]) => attempts.some((a) => outcomes.includes(a.outcome));
  const slugs = new Set(attempts.map((a) => a.slug));
  if (saw('cut-off')) return 'reload';
  if (attempts.some(isBrowserResend)) return 'browser-resend';
  if (slugs.has('payment-provider-unavailable')) return 'payment-unknown';
  if (slugs.has('payment-declined') || slugs.has('payment-method-invalid')) return 'card-declined';
  if (saw('in-progress')) return 'double-click';
  if (saw('dropped', 'timed-out') && saw('replayed')) return 'response-lost';
  if (saw('resumed')) return 'resumed';
  if (saw('server-error')) return 'server-failed';
  if (saw('dropped', 'timed-out')) return 'request-lost';
  if (saw('rejected')) return 'definite-failure';
  return 'top';
}
