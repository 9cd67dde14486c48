import type { ApiError, AttemptAnswer } from '../api';
import { answerClass } from './answer-class';

/** How one request of a checkout ended, as far as this page knows. */
export type RequestEnding = PlacedEnding | FailedEnding | CutOffEnding;

export interface PlacedEnding {
  kind: 'placed';
  replayed: boolean;
}

/** The client gave up: `answers` are the request's attempts in order, as on the timeline; `error` describes the last. */
export interface FailedEnding {
  kind: 'failed';
  answers: readonly AttemptAnswer[];
  error: ApiError;
}

/** The page that sent the request was closed or reloaded before the answer came. */
export interface CutOffEnding {
  kind: 'cut-off';
}

/** What the customer is told: placed, definitely not placed, or unknown, with the heading and body that say so. */
export interface CheckoutVerdict<State extends 'placed' | 'failed' | 'unknown' = 'placed' | 'failed' | 'unknown'> {
  state: State;
  title: string;
  message: string;
  /**
   * Set on definite failures only: `true` when the shop stored this answer with the key (a 4xx
   * business answer, a declined card), so asking again with that key could only replay it and
   * the next Buy starts a new checkout; `false` when the shop turned the request away before
   * running it (401, 429, key store unavailable), so the same key may run again.
   */
  final?: boolean;
}

type NotPlaced = CheckoutVerdict<'failed' | 'unknown'>;

/**
 * The one place that decides what a checkout's outcome is called and how it is explained, so
 * that heading and body always agree. A failed request is judged by its last attempt; earlier
 * attempts only matter when the last one cannot speak for them (`refused`).
 *
 * @example
 * checkoutVerdict({ kind: 'failed', answers: [dropped, outOfStock422], error }).state; // 'failed'
 * checkoutVerdict({ kind: 'failed', answers: [dropped, serverError500], error }).state; // 'unknown'
 */
export function checkoutVerdict(ending: PlacedEnding): CheckoutVerdict<'placed'>;
export function checkoutVerdict(ending: FailedEnding | CutOffEnding): NotPlaced;
export function checkoutVerdict(ending: RequestEnding): CheckoutVerdict;
export function checkoutVerdict(ending: RequestEnding): CheckoutVerdict {
  switch (ending.kind) {
    case 'placed':
      return ending.replayed
        ? {
            state: 'placed',
            title: 'Order placed (replayed)',
            message: 'The shop had already placed this order: it answered with the stored result instead of ordering again.',
          }
        : { state: 'placed', title: 'Order placed', message: 'Your order was placed once, whatever the clicks and retries below.' };
    case 'cut-off':
      return unknown('Outcome unknown', 'The page that sent it was closed or reloaded before the shop answered, so the order may or may not have been placed.');
    case 'failed':
      return failedVerdict(ending.answers.length > 0 ? ending.answers : [answerOf(ending.error)], ending.error);
  }
}

function failedVerdict(answers: readonly AttemptAnswer[], error: ApiError): NotPlaced {
  const last = answers[answers.length - 1];
  const earlier = answers.slice(0, -1);
  const status = `HTTP ${last.status}`;
  switch (answerClass(last)) {
    case 'rejected':
      return definite(error.title, error.kind === 'problem' ? error.message : `The shop refused the order (${status}), so nothing was ordered.`, true);
    case 'declined':
      return definite(error.title, `${error.message} Choose a card and press Buy now to pay: that starts a new checkout, with a new key.`, true);
    case 'charge-unknown':
      return chargeUnknownVerdict(answers);
    case 'server-error':
      return serverErrorVerdict(answers);
    case 'refused': {
      const open = earlier.filter((a) => ['none', 'running', 'unclear', 'server-error', 'charge-unknown'].includes(answerClass(a)));
      if (open.length === 0)
        return definite(error.title, `Nothing was ordered: the shop turned the request away before running it (${status}). ${error.message}`, false);
      return unknown(
        'Outcome unknown: an earlier attempt may have placed it',
        `The last attempt was turned away before it ran (${status}: ${error.title.toLowerCase()}), but ${open.length === 1 ? 'an earlier attempt' : 'earlier attempts'} got ${list(open)}, so the order may or may not have been placed.`,
      );
    }
    case 'running':
      return unknown(
        'Outcome unknown: your order is still being processed',
        `The last attempt was told that a request with this key is still running (${status}), so the order may or may not be placed when it finishes.`,
      );
    case 'unclear':
      return unknown(
        `Outcome unknown: ${status} from something in front of the shop`,
        `The last attempt was answered with ${status}, but not by the shop itself, so the order may or may not have been placed.`,
      );
    case 'none':
      return noAnswerVerdict(last, earlier);
  }
}

const CHECK_AGAIN_CHARGES_ONCE =
  'Check again sends the same key and card: the shop finishes this checkout and charges the card at most once. If you do nothing, the shop finishes it by itself once the provider answers again.';

// 503 payment-provider-unavailable: the order exists; its charge may or may not have happened.
function chargeUnknownVerdict(answers: readonly AttemptAnswer[]): NotPlaced {
  const all = answers.every((a) => answerClass(a) === 'charge-unknown');
  const which = answers.length === 1 ? '' : all ? ` on any of the ${answers.length} attempts` : ' on the last attempt';
  return unknown(
    'Outcome unknown: the payment provider did not answer',
    `Your order was created, but the payment provider did not answer the shop${which}, so your card may or may not have been charged. ${CHECK_AGAIN_CHARGES_ONCE}`,
  );
}

function noAnswerVerdict(last: AttemptAnswer, earlier: readonly AttemptAnswer[]): NotPlaced {
  const lastText = last.outcome === 'timed-out' ? 'got no answer in time' : 'got no answer';
  if (earlier.some((a) => a.status !== undefined)) {
    const before = earlier.every((a) => a.status !== undefined)
      ? `${earlier.length === 1 ? 'the one before it was' : `the ${earlier.length} before it were`} answered with ${list(earlier)}`
      : `the ones before it got ${list(earlier)}`;
    return unknown(
      'Outcome unknown: the last attempt got no answer',
      `The last of ${earlier.length + 1} attempts ${lastText}; ${before}. The shop is reachable, but the order may or may not have been placed.`,
    );
  }
  const who = earlier.length === 0 ? 'The request' : `None of the ${earlier.length + 1} attempts`;
  const advice = last.outcome === 'dropped' ? ' Check your connection.' : '';
  return unknown(
    last.outcome === 'timed-out' ? 'Outcome unknown: the shop did not answer in time' : 'Outcome unknown: no answer from the shop',
    `${who} ${earlier.length === 0 ? lastText : 'got an answer'}, so the order may or may not have been placed.${advice}`,
  );
}

// The shop's own 5xx: payments.md, "The checkout as atomic phases". A failure inside the first
// phase rolled everything back; one after it left the order created and the key at its recovery
// point, which a retry with the same key (or the recovery worker) resumes. The answer cannot say which.
function serverErrorVerdict(answers: readonly AttemptAnswer[]): NotPlaced {
  const charging = answers.slice(0, -1).filter((a) => answerClass(a) === 'charge-unknown');
  if (charging.length > 0) {
    return unknown(
      'Outcome unknown: your order is waiting for its payment',
      `The last attempt failed on the shop's side (HTTP ${answers[answers.length - 1].status}), but an earlier one was told the order exists and the payment provider had not answered (${list(charging)}), so your card may or may not have been charged. ${CHECK_AGAIN_CHARGES_ONCE}`,
    );
  }
  return unknown(
    'Outcome unknown: the shop failed partway',
    `${failureHistory(answers)} An order is placed in steps, and the failure may have come after your order was created: the shop then keeps it and finishes it by itself, charging your card once. So the order may or may not have been placed.`,
  );
}

function failureHistory(answers: readonly AttemptAnswer[]): string {
  const n = answers.length;
  if (n === 1) return `The shop failed on its side (${list(answers)}).`;
  if (answers.every((a) => answerClass(a) === 'server-error')) return `All ${n} attempts failed on the shop's side (${list(answers)}).`;
  if (answers.every((a) => a.status !== undefined)) return `The shop answered all ${n} attempts (${list(answers)}); the last failed on its side.`;
  return `The last of ${n} attempts failed on the shop's side (${list(answers.slice(-1))}); the ones before it got ${list(answers.slice(0, -1))}.`;
}

/** `HTTP 503, 503 and 500`, or `no answer and HTTP 503`: what each attempt got, in order. */
function list(answers: readonly AttemptAnswer[]): string {
  const allAnswered = answers.every((a) => a.status !== undefined);
  const words = answers.map((a, i) => {
    if (a.status !== undefined) return allAnswered && i > 0 ? String(a.status) : `HTTP ${a.status}`;
    return a.outcome === 'timed-out' ? 'no answer in time' : 'no answer';
  });
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

// The attempt an ApiError describes, for a request whose attempts were not observed.
function answerOf(error: ApiError): AttemptAnswer {
  if (error.status === undefined) return { outcome: error.kind === 'timeout' ? 'timed-out' : 'dropped' };
  const outcome = error.status >= 500 ? 'server-error' : error.slug === 'idempotency-request-in-progress' ? 'in-progress' : 'rejected';
  return { outcome, status: error.status, ...(error.kind === 'problem' && error.slug ? { slug: error.slug } : {}) };
}

function definite(title: string, message: string, final: boolean): NotPlaced {
  return { state: 'failed', title: `Definitely failed: ${title}`, message, final };
}

function unknown(title: string, message: string): NotPlaced {
  return { state: 'unknown', title, message };
}
