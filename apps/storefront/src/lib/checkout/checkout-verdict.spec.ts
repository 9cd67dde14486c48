import { ApiError, type AttemptAnswer, type ProblemOutcome } from '../api';
import { customerMessage } from '../api/problem-messages';
import { checkoutVerdict, type CheckoutVerdict, type RequestEnding } from './checkout-verdict';

// Attempts as the timeline records them (send-order.ts), and the ApiError of the last one
// as toApiError builds it.
const DROPPED: AttemptAnswer = { outcome: 'dropped' };
const TIMED_OUT: AttemptAnswer = { outcome: 'timed-out' };
// The Problem-Outcome the API's problem catalogue gives each slug used here.
const PROBLEM_OUTCOMES: Record<string, ProblemOutcome> = {
  'internal-error': 'unfinished',
  'service-unavailable': 'unfinished',
  'payment-provider-unavailable': 'unfinished',
  'idempotency-store-unavailable': 'not-run',
  unauthorized: 'not-run',
  'idempotency-request-in-progress': 'in-progress',
};
const answer = (status: number, slug?: string): AttemptAnswer => ({
  outcome: status >= 500 ? 'server-error' : slug === 'idempotency-request-in-progress' ? 'in-progress' : 'rejected',
  status,
  ...(slug ? { slug, problemOutcome: PROBLEM_OUTCOMES[slug] ?? 'final' } : {}),
});
const INTERNAL_ERROR = answer(500, 'internal-error');
const UNAVAILABLE = answer(503, 'service-unavailable');
const STORE_UNAVAILABLE = answer(503, 'idempotency-store-unavailable');
const IN_PROGRESS = answer(409, 'idempotency-request-in-progress');
const OUT_OF_STOCK = answer(422, 'insufficient-stock');
const BAD_GATEWAY = answer(502);
const DECLINED = answer(402, 'payment-declined');
const METHOD_INVALID = answer(422, 'payment-method-invalid');
const PROVIDER_UNAVAILABLE = answer(503, 'payment-provider-unavailable');

function errorOf(last: AttemptAnswer, extensions: Record<string, unknown> = {}): ApiError {
  if (last.status === undefined) {
    const timedOut = last.outcome === 'timed-out';
    return new ApiError(timedOut ? 'timeout' : 'unreachable', 'No answer', 'No answer.');
  }
  if (!last.slug) return new ApiError('http', `The shop answered HTTP ${last.status}`, 'Please try again in a moment.', { status: last.status });
  const { title, advice } = customerMessage(last.slug, extensions);
  const details = { status: last.status, slug: last.slug, problemOutcome: last.problemOutcome };
  return new ApiError('problem', title, advice, details);
}
const failed = (...answers: AttemptAnswer[]): RequestEnding => ({ kind: 'failed', answers, error: errorOf(answers[answers.length - 1]) });
const declinedFor = (declineCode: string, ...earlier: AttemptAnswer[]): RequestEnding => ({
  kind: 'failed',
  answers: [...earlier, DECLINED],
  error: errorOf(DECLINED, { declineCode, orderId: 'o1' }),
});

const CASES: { name: string; ending: RequestEnding; state: CheckoutVerdict['state']; title: RegExp }[] = [
  { name: 'the order was created', ending: { kind: 'placed', replayed: false }, state: 'placed', title: /^Order placed$/ },
  { name: 'the answer was a replay', ending: { kind: 'placed', replayed: true }, state: 'placed', title: /^Order placed \(replayed\)$/ },
  { name: 'a 4xx business answer (422 not enough stock)', ending: failed(OUT_OF_STOCK), state: 'failed', title: /Not enough stock/ },
  { name: 'a 4xx business answer after a dropped attempt', ending: failed(DROPPED, OUT_OF_STOCK), state: 'failed', title: /Not enough stock/ },
  // payments.md: a 5xx can come after the order was created (the key kept at its recovery point).
  { name: 'a single 500 problem', ending: failed(INTERNAL_ERROR), state: 'unknown', title: /the shop failed partway/ },
  {
    name: 'every attempt a 500 problem',
    ending: failed(INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR),
    state: 'unknown',
    title: /the shop failed partway/,
  },
  {
    name: 'every attempt a 503 problem',
    ending: failed(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE),
    state: 'unknown',
    title: /the shop failed partway/,
  },
  { name: 'dropped, then a 500 problem', ending: failed(DROPPED, INTERNAL_ERROR), state: 'unknown', title: /the shop failed partway/ },
  {
    name: 'every attempt turned away (503 key store unavailable)',
    ending: failed(STORE_UNAVAILABLE, STORE_UNAVAILABLE),
    state: 'failed',
    title: /Orders are paused/,
  },
  {
    name: 'a 500 problem, then turned away (503 key store unavailable)',
    ending: failed(INTERNAL_ERROR, STORE_UNAVAILABLE),
    state: 'unknown',
    title: /earlier attempt may have placed it/,
  },
  { name: 'a sign-in that expired (401)', ending: failed(answer(401, 'unauthorized')), state: 'failed', title: /sign in again/ },
  { name: 'a request refused as invalid (400)', ending: failed(answer(400, 'validation-failed')), state: 'failed', title: /Some details need fixing/ },
  { name: 'a product that no longer exists (422)', ending: failed(answer(422, 'unknown-product')), state: 'failed', title: /A product no longer exists/ },
  { name: 'a single timeout', ending: failed(TIMED_OUT), state: 'unknown', title: /did not answer in time/ },
  { name: 'a single dropped connection', ending: failed(DROPPED), state: 'unknown', title: /no answer from the shop/ },
  { name: 'every attempt dropped', ending: failed(DROPPED, DROPPED, DROPPED, DROPPED), state: 'unknown', title: /no answer from the shop/ },
  {
    name: '503, 503, 503, then dropped',
    ending: failed(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, DROPPED),
    state: 'unknown',
    title: /last attempt got no answer/,
  },
  { name: '500, then timed out', ending: failed(INTERNAL_ERROR, TIMED_OUT), state: 'unknown', title: /last attempt got no answer/ },
  {
    name: 'dropped, then turned away (503 key store unavailable)',
    ending: failed(DROPPED, STORE_UNAVAILABLE),
    state: 'unknown',
    title: /earlier attempt may have placed it/,
  },
  { name: 'timed out, then still in progress (409)', ending: failed(TIMED_OUT, IN_PROGRESS), state: 'unknown', title: /still being processed/ },
  {
    name: 'a declined card (402 insufficient funds)',
    ending: declinedFor('insufficient_funds'),
    state: 'failed',
    title: /^Definitely failed: Your card was declined$/,
  },
  { name: 'a declined card after a dropped attempt', ending: declinedFor('generic_decline', DROPPED), state: 'failed', title: /Your card was declined/ },
  { name: 'a card the provider does not know (422)', ending: failed(METHOD_INVALID), state: 'failed', title: /This card cannot be used/ },
  {
    name: 'the payment provider did not answer (503), every attempt',
    ending: failed(PROVIDER_UNAVAILABLE, PROVIDER_UNAVAILABLE, PROVIDER_UNAVAILABLE, PROVIDER_UNAVAILABLE),
    state: 'unknown',
    title: /payment provider did not answer/,
  },
  {
    name: 'dropped, then the payment provider did not answer',
    ending: failed(DROPPED, PROVIDER_UNAVAILABLE),
    state: 'unknown',
    title: /payment provider did not answer/,
  },
  {
    name: 'the payment provider did not answer, then a 500 problem',
    ending: failed(PROVIDER_UNAVAILABLE, INTERNAL_ERROR),
    state: 'unknown',
    title: /waiting for its payment/,
  },
  {
    name: 'the payment provider did not answer, then turned away (503 key store unavailable)',
    ending: failed(PROVIDER_UNAVAILABLE, STORE_UNAVAILABLE),
    state: 'unknown',
    title: /earlier attempt may have placed it/,
  },
  {
    name: 'the payment provider did not answer, then the card was declined',
    ending: declinedFor('generic_decline', PROVIDER_UNAVAILABLE),
    state: 'failed',
    title: /Your card was declined/,
  },
  { name: 'a 502 that is not the shop’s problem answer', ending: failed(BAD_GATEWAY), state: 'unknown', title: /502 from something in front of the shop/ },
  { name: 'the page was reloaded before the answer', ending: { kind: 'cut-off' }, state: 'unknown', title: /^Outcome unknown$/ },
];

const answered = (ending: RequestEnding) => ending.kind === 'failed' && ending.answers.some((a) => a.status !== undefined);

describe('checkoutVerdict(ending)', () => {
  it.each(CASES)('when $name, says $state', ({ ending, state, title }) => {
    const verdict = checkoutVerdict(ending);
    expect(verdict.state).toBe(state);
    expect(verdict.title).toMatch(title);
  });

  it.each(CASES)('when $name, heading and body agree', ({ ending }) => {
    const { state, title, message } = checkoutVerdict(ending);
    expect(title.startsWith('Order placed')).toBe(state === 'placed');
    expect(title.startsWith('Definitely failed: ')).toBe(state === 'failed');
    expect(title.startsWith('Outcome unknown')).toBe(state === 'unknown');
    // Unknown says so in the body too, and never that nothing was saved; a definite failure says nothing was.
    expect(/may or may not/.test(message)).toBe(state === 'unknown');
    expect(/nothing was (saved|ordered|charged)/i.test(message)).toBe(state === 'failed');
    // "Check your connection" only when no attempt was answered at all.
    if (answered(ending)) expect(message).not.toMatch(/connection/i);
  });

  it('when 503, 503, 503 and then no answer, says the last attempt got none and the earlier ones were answered', () => {
    const { message } = checkoutVerdict(failed(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, DROPPED));
    expect(message).toContain('The last of 4 attempts got no answer; the 3 before it were answered with HTTP 503, 503 and 503.');
  });

  it('when a 500 problem follows a dropped attempt, says what each got and never that nothing was saved', () => {
    const { message } = checkoutVerdict(failed(DROPPED, INTERNAL_ERROR));
    expect(message).toContain("The last of 2 attempts failed on the shop's side (HTTP 500); the one before it got no answer.");
    expect(message).not.toMatch(/nothing was saved|rolled back/i);
  });

  it('when every attempt got a server failure, says the order may have been created before it failed and the shop then finishes and charges it once', () => {
    const { message } = checkoutVerdict(failed(INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR));
    expect(message).toContain("All 4 attempts failed on the shop's side (HTTP 500, 500, 500 and 500).");
    expect(message).toContain('the failure may have come after your order was created');
    expect(message).toContain('charging your card once');
  });

  it('when no attempt was observed, judges the last one from the error', () => {
    expect(checkoutVerdict({ kind: 'failed', answers: [], error: errorOf(OUT_OF_STOCK) }).state).toBe('failed');
    expect(checkoutVerdict({ kind: 'failed', answers: [], error: errorOf(INTERNAL_ERROR) }).state).toBe('unknown');
    expect(checkoutVerdict({ kind: 'failed', answers: [], error: errorOf(TIMED_OUT) }).state).toBe('unknown');
  });

  it('when the card was declined for insufficient funds, says so, that nothing was charged and that the cart is kept', () => {
    const { message } = checkoutVerdict(declinedFor('insufficient_funds'));
    expect(message).toMatch(/^Your card was declined — insufficient funds\. Nothing was charged; your cart is kept\. /);
    expect(message).toContain('a new checkout, with a new key');
  });

  it('when the card was declined without a reason (generic decline), gives none', () => {
    expect(checkoutVerdict(declinedFor('generic_decline')).message).toMatch(/^Your card was declined\. Nothing was charged; your cart is kept\. /);
  });

  it('when the payment provider did not answer, says the order exists, the card may or may not have been charged, and Check again charges at most once', () => {
    const { message } = checkoutVerdict(failed(PROVIDER_UNAVAILABLE, PROVIDER_UNAVAILABLE));
    expect(message).toContain('All 2 attempts found the payment provider not answering (HTTP 503 and 503). Your order was created');
    expect(message).toContain('your card may or may not have been charged');
    expect(message).toContain('Check again sends the same key and card');
  });

  it("reads what an answer means from the shop's Problem-Outcome, not from its status", () => {
    const turnedAway = { outcome: 'server-error', status: 503, slug: 'some-new-refusal', problemOutcome: 'not-run' } as const;
    expect(checkoutVerdict(failed(turnedAway))).toMatchObject({ state: 'failed', final: false });
    const stored = { outcome: 'rejected', status: 409, slug: 'some-new-final-answer', problemOutcome: 'final' } as const;
    expect(checkoutVerdict(failed(stored))).toMatchObject({ state: 'failed', final: true });
    const unfinished = { outcome: 'rejected', status: 425, slug: 'some-new-pause', problemOutcome: 'unfinished' } as const;
    expect(checkoutVerdict(failed(unfinished)).state).toBe('unknown');
  });

  it.each([
    { name: 'a declined card', ending: declinedFor('insufficient_funds'), final: true },
    { name: 'a card the provider does not know', ending: failed(METHOD_INVALID), final: true },
    { name: 'not enough stock', ending: failed(OUT_OF_STOCK), final: true },
    { name: 'a 500 problem on every attempt', ending: failed(INTERNAL_ERROR, INTERNAL_ERROR), final: undefined },
    { name: 'turned away (503 key store unavailable)', ending: failed(STORE_UNAVAILABLE), final: false },
    { name: 'the payment provider did not answer', ending: failed(PROVIDER_UNAVAILABLE), final: undefined },
    { name: 'no answer', ending: failed(DROPPED), final: undefined },
  ])('when $name, marks the answer final ($final) only if the shop stored it with the key', ({ ending, final }) => {
    expect(checkoutVerdict(ending).final).toBe(final);
  });
});
