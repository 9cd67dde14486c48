import { ApiError, type AttemptAnswer } from '../api';
import { customerMessage } from '../api/problem-messages';
import { checkoutVerdict, type CheckoutVerdict, type RequestEnding } from './checkout-verdict';

// Attempts as the timeline records them (send-order.ts), and the ApiError of the last one
// as toApiError builds it.
const DROPPED: AttemptAnswer = { outcome: 'dropped' };
const TIMED_OUT: AttemptAnswer = { outcome: 'timed-out' };
const answer = (status: number, slug?: string): AttemptAnswer => ({
  outcome: status >= 500 ? 'server-error' : slug === 'idempotency-request-in-progress' ? 'in-progress' : 'rejected',
  status,
  ...(slug ? { slug } : {}),
});
const INTERNAL_ERROR = answer(500, 'internal-error');
const UNAVAILABLE = answer(503, 'service-unavailable');
const STORE_UNAVAILABLE = answer(503, 'idempotency-store-unavailable');
const IN_PROGRESS = answer(409, 'idempotency-request-in-progress');
const OUT_OF_STOCK = answer(422, 'insufficient-stock');
const BAD_GATEWAY = answer(502);

function errorOf(last: AttemptAnswer, attempts: number): ApiError {
  if (last.status === undefined) {
    const timedOut = last.outcome === 'timed-out';
    return new ApiError(timedOut ? 'timeout' : 'unreachable', 'No answer', 'No answer.', 'ambiguous', { attempts });
  }
  if (!last.slug) return new ApiError('http', `The shop answered HTTP ${last.status}`, 'Please try again in a moment.', 'ambiguous', { status: last.status, attempts });
  const { title, advice } = customerMessage(last.slug);
  return new ApiError('problem', title, advice, last.status >= 500 ? 'ambiguous' : 'definite', { status: last.status, slug: last.slug, attempts });
}
const failed = (...answers: AttemptAnswer[]): RequestEnding => ({ kind: 'failed', answers, error: errorOf(answers[answers.length - 1], answers.length) });

const CASES: { name: string; ending: RequestEnding; state: CheckoutVerdict['state']; title: RegExp }[] = [
  { name: 'the order was created', ending: { kind: 'placed', replayed: false }, state: 'placed', title: /^Order placed$/ },
  { name: 'the answer was a replay', ending: { kind: 'placed', replayed: true }, state: 'placed', title: /^Order placed \(replayed\)$/ },
  { name: 'a 4xx business answer (422 not enough stock)', ending: failed(OUT_OF_STOCK), state: 'failed', title: /Not enough stock/ },
  { name: 'a 4xx business answer after a dropped attempt', ending: failed(DROPPED, OUT_OF_STOCK), state: 'failed', title: /Not enough stock/ },
  { name: 'a single 500 problem', ending: failed(INTERNAL_ERROR), state: 'failed', title: /failed on our side/ },
  { name: 'every attempt a 500 problem', ending: failed(INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR), state: 'failed', title: /failed on our side/ },
  { name: 'every attempt a 503 problem', ending: failed(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE), state: 'failed', title: /temporarily unavailable/ },
  { name: 'dropped, then a 500 problem', ending: failed(DROPPED, INTERNAL_ERROR), state: 'failed', title: /failed on our side/ },
  { name: 'every attempt turned away (503 key store unavailable)', ending: failed(STORE_UNAVAILABLE, STORE_UNAVAILABLE), state: 'failed', title: /Orders are paused/ },
  { name: 'a sign-in that expired (401)', ending: failed(answer(401, 'unauthorized')), state: 'failed', title: /sign in again/ },
  { name: 'a single timeout', ending: failed(TIMED_OUT), state: 'unknown', title: /did not answer in time/ },
  { name: 'a single dropped connection', ending: failed(DROPPED), state: 'unknown', title: /no answer from the shop/ },
  { name: 'every attempt dropped', ending: failed(DROPPED, DROPPED, DROPPED, DROPPED), state: 'unknown', title: /no answer from the shop/ },
  { name: '503, 503, 503, then dropped', ending: failed(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, DROPPED), state: 'unknown', title: /last attempt got no answer/ },
  { name: '500, then timed out', ending: failed(INTERNAL_ERROR, TIMED_OUT), state: 'unknown', title: /last attempt got no answer/ },
  { name: 'dropped, then turned away (503 key store unavailable)', ending: failed(DROPPED, STORE_UNAVAILABLE), state: 'unknown', title: /earlier attempt may have placed it/ },
  { name: 'timed out, then still in progress (409)', ending: failed(TIMED_OUT, IN_PROGRESS), state: 'unknown', title: /still being processed/ },
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
    expect(/nothing was (saved|ordered)/i.test(message)).toBe(state === 'failed');
    // "Check your connection" only when no attempt was answered at all.
    if (answered(ending)) expect(message).not.toMatch(/connection/i);
  });

  it('when 503, 503, 503 and then no answer, says the last attempt got none and the earlier ones were answered', () => {
    const { message } = checkoutVerdict(failed(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, DROPPED));
    expect(message).toContain('The last of 4 attempts got no answer; the 3 before it were answered with HTTP 503, 503 and 503.');
  });

  it('when a 500 problem follows a dropped attempt, explains why the dropped one placed nothing either', () => {
    expect(checkoutVerdict(failed(DROPPED, INTERNAL_ERROR)).message).toMatch(/earlier attempt \(no answer\) placed the order, the shop would have answered with that order/);
  });

  it('when every attempt got a server failure, says it is safe to try again with the same key', () => {
    const { message } = checkoutVerdict(failed(INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR));
    expect(message).toContain('All 4 attempts failed on the shop');
    expect(message).toContain('safe to try again');
  });

  it('when no attempt was observed, judges the last one from the error', () => {
    expect(checkoutVerdict({ kind: 'failed', answers: [], error: errorOf(INTERNAL_ERROR, 1) }).state).toBe('failed');
    expect(checkoutVerdict({ kind: 'failed', answers: [], error: errorOf(TIMED_OUT, 1) }).state).toBe('unknown');
  });
});
