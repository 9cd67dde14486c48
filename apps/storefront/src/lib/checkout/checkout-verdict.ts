import type { ApiError, AttemptAnswer } from '../api';

/** How one request ended: placed, given up on (its answers in order, `error` the last), or cut off by a page closed first. */
export type RequestEnding =
  { kind: 'placed'; replayed: boolean } | { kind: 'failed'; answers: readonly AttemptAnswer[]; error: ApiError } | { kind: 'cut-off' };

/**
 * What the customer is told. `final`, on definite failures only: `true` when the shop stored the
 * answer with the key (a declined card: the next Buy is a new checkout), `false` when it turned the
 * request away before running it (401, 429: the same key may run again).
 */
export interface CheckoutVerdict<State extends 'placed' | 'failed' | 'unknown' = 'placed' | 'failed' | 'unknown'> {
  state: State;
  title: string;
  message: string;
  final?: boolean;
}

interface Row {
  state: 'failed' | 'unknown';
  final?: boolean;
  did?: string;
  title: string;
  message: string;
}

const MAY_OR_MAY_NOT = 'so the order may or may not have been placed.';
const CHECK_AGAIN = `Check again sends the same key and card: the shop finishes this checkout and charges the card at most once. If you do nothing, the shop finishes it by itself once the provider answers again.`;

/**
 * One row per reading of the last answer: the shop's `Problem-Outcome` (card refusals and the
 * unanswered charge told apart by slug), or what HTTP alone says of an answer that is not the
 * shop's; `…-after-…` when earlier attempts change what it means. `{fact}`s are filled in by
 * `failedVerdict`; `did` words the last attempt in `{history}`.
 */
// payments.md, "The checkout as atomic phases": a failure after the first phase leaves the order
// created and its key at the recovery point, which a retry with the key or the recovery worker resumes.
const ROWS = {
  final: { state: 'failed', final: true, title: '{errorTitle}', message: '{errorMessage}' },
  'final-not-the-shop': { state: 'failed', final: true, title: '{errorTitle}', message: 'The shop refused the order ({status}), so nothing was ordered.' },
  declined: {
    state: 'failed',
    final: true,
    title: '{errorTitle}',
    message: '{errorMessage} Choose a card and press Buy now to pay: that starts a new checkout, with a new key.',
  },
  'not-run': {
    state: 'failed',
    final: false,
    title: '{errorTitle}',
    message: 'Nothing was ordered: the shop turned the request away before running it ({status}). {errorMessage}',
  },
  'not-run-after-open': {
    state: 'unknown',
    title: 'Outcome unknown: an earlier attempt may have placed it',
    message: `The last attempt was turned away before it ran ({status}: {errorTitleLower}), but earlier attempts got {open}, ${MAY_OR_MAY_NOT}`,
  },
  'in-progress': {
    state: 'unknown',
    title: 'Outcome unknown: your order is still being processed',
    message: 'The last attempt was told that a request with this key is still running ({status}), so the order may or may not be placed when it finishes.',
  },
  unfinished: {
    state: 'unknown',
    did: "failed on the shop's side",
    title: 'Outcome unknown: the shop failed partway',
    message: `{history} An order is placed in steps, and the failure may have come after your order was created: the shop then keeps it and finishes it by itself, charging your card once. So the order may or may not have been placed.`,
  },
  'unfinished-after-charge-unknown': {
    state: 'unknown',
    title: 'Outcome unknown: your order is waiting for its payment',
    message: `The last attempt failed on the shop's side ({status}), but an earlier one was told the order exists and the payment provider had not answered ({open}), so your card may or may not have been charged. ${CHECK_AGAIN}`,
  },
  'charge-unknown': {
    state: 'unknown',
    did: 'found the payment provider not answering',
    title: 'Outcome unknown: the payment provider did not answer',
    message: `{history} Your order was created, but your card may or may not have been charged. ${CHECK_AGAIN}`,
  },
  'not-the-shop': {
    state: 'unknown',
    title: 'Outcome unknown: {status} from something in front of the shop',
    message: `The last attempt was answered with {status}, but not by the shop itself, ${MAY_OR_MAY_NOT}`,
  },
  'no-answer': {
    state: 'unknown',
    did: 'got no answer',
    title: 'Outcome unknown: no answer from the shop',
    message: `{history} So the order may or may not have been placed. Check your connection.`,
  },
  'no-answer-in-time': {
    state: 'unknown',
    did: 'got no answer',
    title: 'Outcome unknown: the shop did not answer in time',
    message: `{history} So the order may or may not have been placed.`,
  },
  'no-answer-after-answers': {
    state: 'unknown',
    did: 'got no answer',
    title: 'Outcome unknown: the last attempt got no answer',
    message: `{history} The shop is reachable, but the order may or may not have been placed.`,
  },
} as const satisfies Record<string, Row>;
type Reading = keyof typeof ROWS;

/** The one place that names a checkout's outcome, so that heading and body agree. A failed request is judged by its last attempt. */
export function checkoutVerdict(ending: Extract<RequestEnding, { kind: 'placed' }>): CheckoutVerdict<'placed'>;
export function checkoutVerdict(ending: Exclude<RequestEnding, { kind: 'placed' }>): CheckoutVerdict<'failed' | 'unknown'>;
export function checkoutVerdict(ending: RequestEnding): CheckoutVerdict;
export function checkoutVerdict(ending: RequestEnding): CheckoutVerdict {
  if (ending.kind === 'placed') {
    return ending.replayed
      ? {
          state: 'placed',
          title: 'Order placed (replayed)',
          message: 'The shop had already placed this order: it answered with the stored result instead of ordering again.',
        }
      : { state: 'placed', title: 'Order placed', message: 'Your order was placed once, whatever the clicks and retries below.' };
  }
  if (ending.kind === 'cut-off') {
    return { state: 'unknown', title: 'Outcome unknown', message: `The page that sent it was closed or reloaded before the shop answered, ${MAY_OR_MAY_NOT}` };
  }
  return failedVerdict(ending.answers.length > 0 ? ending.answers : [answerOf(ending.error)], ending.error);
}

function failedVerdict(answers: readonly AttemptAnswer[], error: ApiError): CheckoutVerdict<'failed' | 'unknown'> {
  const last = answers[answers.length - 1];
  const earlier = answers.slice(0, -1);
  const reading = readingOf(last, earlier);
  const row: Row = ROWS[reading];
  const open = earlier.filter((a) => (reading === 'unfinished-after-charge-unknown' ? readingOf(a) === 'charge-unknown' : mayHavePlaced(a)));
  const facts: Record<string, string> = {
    status: `HTTP ${last.status}`,
    history: history(answers, row.did ?? ''),
    open: list(open),
    errorTitle: error.title,
    errorTitleLower: error.title.toLowerCase(),
    errorMessage: error.message,
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => facts[name]);
  const title = row.state === 'failed' ? `Definitely failed: ${fill(row.title)}` : fill(row.title);
  return { state: row.state, title, message: fill(row.message), ...(row.final === undefined ? {} : { final: row.final }) };
}

function readingOf(answer: AttemptAnswer, earlier: readonly AttemptAnswer[] = []): Reading {
  if (answer.status === undefined) {
    if (earlier.some((a) => a.status !== undefined)) return 'no-answer-after-answers';
    return answer.outcome === 'timed-out' ? 'no-answer-in-time' : 'no-answer';
  }
  switch (answer.problemOutcome) {
    case 'final':
      return answer.slug === 'payment-declined' || answer.slug === 'payment-method-invalid' ? 'declined' : 'final';
    case 'not-run':
      return earlier.some(mayHavePlaced) ? 'not-run-after-open' : 'not-run';
    case 'in-progress':
      return 'in-progress';
    case 'unfinished':
      if (answer.slug === 'payment-provider-unavailable') return 'charge-unknown';
      return earlier.some((a) => readingOf(a) === 'charge-unknown') ? 'unfinished-after-charge-unknown' : 'unfinished';
  }
  // Not the shop's own problem: a server's bare 408 ran nothing; a gateway's 5xx may hide anything.
  if (answer.status === 408) return 'not-run';
  return answer.status >= 500 ? 'not-the-shop' : 'final-not-the-shop';
}

function mayHavePlaced(answer: AttemptAnswer): boolean {
  return ROWS[readingOf(answer)].state === 'unknown';
}

/** `All 4 attempts failed on the shop's side (HTTP 500, 500, 500 and 500).` */
function history(answers: readonly AttemptAnswer[], did: string): string {
  const last = answers[answers.length - 1];
  const earlier = answers.slice(0, -1);
  const got = (group: readonly AttemptAnswer[]) =>
    last.status === undefined ? `${did}${last.outcome === 'timed-out' ? ' in time' : ''}` : `${did} (${list(group)})`;
  if (earlier.length === 0) return `The request ${got([last])}.`;
  if (answers.every((a) => readingOf(a) === readingOf(last))) return `All ${answers.length} attempts ${got(answers)}.`;
  const before = earlier.length === 1 ? 'the one before it' : `the ${earlier.length} before it`;
  const verb = !earlier.every((a) => a.status !== undefined) ? 'got' : earlier.length === 1 ? 'was answered with' : 'were answered with';
  return `The last of ${answers.length} attempts ${got([last])}; ${before} ${verb} ${list(earlier)}.`;
}

/** `HTTP 503, 503 and 500`, or `no answer and HTTP 503`. */
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
  const { slug, problemOutcome } = error.details;
  return { outcome: error.status >= 500 ? 'server-error' : 'rejected', status: error.status, ...(error.kind === 'problem' ? { slug, problemOutcome } : {}) };
}
