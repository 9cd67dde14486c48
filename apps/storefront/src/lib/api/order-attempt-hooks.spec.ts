import { RetryingClientError, type AttemptFailure, type AttemptSettledEvent, type RetryEvent, type StopReason } from '@safe-checkout/retrying-client';
import { beginRequest, withAttempt, withAttemptSent, type TimelineAttempt } from '../checkout/checkout-record';
import { attemptAnswerOf, orderAttemptHooks } from './order-attempt-hooks';

// The retrying client's events for one order request, as it emits them (retry-hooks.ts), and
// the timeline rows they become once folded into the checkout record the way place-order.ts does.
const KEY = '8e03978e-40d5-43e8-bc93-6894a57f9324';
const ORDER = { items: [{ productId: 'mug', quantity: 1 }], paymentMethod: 'pm_card_visa' };
const sent = { method: 'POST', url: '/orders', idempotencyKey: KEY };

type Step =
  | { sent: number }
  | { settled: number; answer: Partial<AttemptSettledEvent> }
  | { retry: number; decision: Pick<RetryEvent, 'delayMs' | 'basis' | 'capMs' | 'retryAfterMs'> }
  | { gaveUp: StopReason; attempts: number };

const failure = (attempt: number, kind: AttemptFailure['kind'], status?: number): AttemptFailure => ({
  attempt,
  kind,
  reason: status ? `http:${status}` : kind,
  ...(status ? { status } : {}),
  message: 'scripted',
  retryable: true,
  ambiguous: true,
  durationMs: 5,
});
const answered = (status: number, problem?: string, headers: Record<string, string> = {}): Partial<AttemptSettledEvent> => ({
  status,
  headers: { 'content-type': 'application/problem+json', ...headers },
  ...(problem ? { problemType: `/problems/${problem}` } : {}),
  verdict: status < 300 ? 'succeeded' : status >= 500 || problem === 'idempotency-request-in-progress' ? 'ambiguous' : 'definite',
});

/** Plays `steps` through the hooks and returns the request's timeline rows. */
function timelineOf(steps: Step[]): Omit<TimelineAttempt, 'request' | 'sentAt' | 'endedAt'>[] {
  let record = beginRequest(null, ORDER, () => KEY, 0);
  const hooks = orderAttemptHooks({
    attemptSent: (attempt) => (record = withAttemptSent(record, 1, attempt, 0)),
    attemptEnded: (attempt, answer) => (record = withAttempt(record, 1, attempt, { ...answer, endedAt: 0 })),
    retryScheduled: (attempt, wait) => (record = withAttempt(record, 1, attempt, { wait })),
    gaveUp: (attempt, reason) => (record = withAttempt(record, 1, attempt, { gaveUp: reason })),
  });
  for (const step of steps) {
    if ('sent' in step) hooks.onAttempt?.({ attempt: step.sent, ...sent, setHeader: () => undefined });
    else if ('settled' in step) hooks.onAttemptSettled?.({ attempt: step.settled, ...sent, durationMs: 5, verdict: 'ambiguous', ...step.answer });
    else if ('retry' in step) hooks.onRetry?.({ attempt: step.retry, reason: 'scripted', idempotencyKey: KEY, ...step.decision });
    else hooks.onGiveUp?.(giveUp(step.gaveUp, step.attempts));
  }
  return record.attempts.map(({ sentAt: _sentAt, endedAt: _endedAt, request: _request, ...row }) => row);
}

function giveUp(stopReason: StopReason, attempts: number): RetryingClientError {
  const failures = Array.from({ length: attempts }, (_, i) => failure(i + 1, 'status', 503));
  return new RetryingClientError({ message: 'scripted', config: { method: 'post', url: '/orders' } } as ConstructorParameters<typeof RetryingClientError>[0], {
    stopReason,
    failures,
    idempotencyKey: KEY,
  });
}

describe('orderAttemptHooks(observer)', () => {
  it('when an attempt is sent and answered 201, shows one row "created" with its status', () => {
    expect(timelineOf([{ sent: 1 }, { settled: 1, answer: answered(201) }])).toEqual([{ attempt: 1, outcome: 'created', status: 201, replayed: false }]);
  });

  it('when the first answer is lost and the retry is replayed, shows dropped, the backoff it waited, then replayed', () => {
    const rows = timelineOf([
      { sent: 1 },
      { settled: 1, answer: { failure: failure(1, 'network'), verdict: 'ambiguous' } },
      { retry: 2, decision: { delayMs: 420, basis: 'backoff', capMs: 1_000 } },
      { sent: 2 },
      { settled: 2, answer: answered(201, undefined, { 'idempotent-replayed': 'true' }) },
    ]);

    expect(rows).toEqual([
      { attempt: 1, outcome: 'dropped', wait: { basis: 'backoff', delayMs: 420, retry: 1, capMs: 1_000 } },
      { attempt: 2, outcome: 'replayed', status: 201, replayed: true },
    ]);
  });

  it('when the shop says it resumed the order (Idempotency-Outcome: resumed), shows "resumed", not "created"', () => {
    const resumed = answered(201, undefined, { 'idempotency-outcome': 'resumed' });
    expect(timelineOf([{ sent: 1 }, { settled: 1, answer: resumed }])).toEqual([{ attempt: 1, outcome: 'resumed', status: 201, replayed: false }]);
  });

  it('when the shop says it executed or replayed the order, follows it', () => {
    const executed = answered(201, undefined, { 'idempotency-outcome': 'executed' });
    const replayed = answered(201, undefined, { 'idempotency-outcome': 'replayed', 'idempotent-replayed': 'true' });
    expect(timelineOf([{ sent: 1 }, { settled: 1, answer: executed }])).toEqual([{ attempt: 1, outcome: 'created', status: 201, replayed: false }]);
    expect(timelineOf([{ sent: 1 }, { settled: 1, answer: replayed }])).toEqual([{ attempt: 1, outcome: 'replayed', status: 201, replayed: true }]);
  });

  it('when an attempt times out, shows "timed-out", not "dropped"', () => {
    expect(timelineOf([{ sent: 1 }, { settled: 1, answer: { failure: failure(1, 'timeout'), verdict: 'ambiguous' } }])[0].outcome).toBe('timed-out');
  });

  it('when the wait came from Retry-After, keeps the basis and the hint the client decided on, without re-deriving them', () => {
    const rows = timelineOf([
      { sent: 1 },
      { settled: 1, answer: answered(409, 'idempotency-request-in-progress', { 'retry-after': '2' }) },
      { retry: 2, decision: { delayMs: 2_300, basis: 'retry-after', capMs: 1_000, retryAfterMs: 2_000 } },
    ]);

    expect(rows[0]).toEqual({
      attempt: 1,
      outcome: 'in-progress',
      status: 409,
      replayed: false,
      slug: 'idempotency-request-in-progress',
      wait: { basis: 'retry-after', delayMs: 2_300, retry: 1, capMs: 1_000, retryAfterMs: 2_000 },
    });
  });

  it('when the backoff was longer than a Retry-After hint, says backoff and keeps the hint', () => {
    const rows = timelineOf([
      { sent: 1 },
      { settled: 1, answer: answered(503, 'service-unavailable', { 'retry-after': '0' }) },
      { retry: 2, decision: { delayMs: 700, basis: 'backoff', capMs: 1_000, retryAfterMs: 0 } },
    ]);
    expect(rows[0].wait).toEqual({ basis: 'backoff', delayMs: 700, retry: 1, capMs: 1_000, retryAfterMs: 0 });
  });

  it('when the shop answers a 5xx problem, shows "server-error" with the problem slug', () => {
    expect(timelineOf([{ sent: 1 }, { settled: 1, answer: answered(500, 'internal-error') }])[0]).toMatchObject({
      outcome: 'server-error',
      status: 500,
      slug: 'internal-error',
    });
  });

  it('when a card is declined (a definite 402), shows "rejected" with the slug, and a replayed decline says so', () => {
    const declined = answered(402, 'payment-declined', { 'idempotent-replayed': 'true' });
    expect(timelineOf([{ sent: 1 }, { settled: 1, answer: declined }])[0]).toMatchObject({
      outcome: 'rejected',
      status: 402,
      slug: 'payment-declined',
      replayed: true,
    });
  });

  it('when the client gives up because the tab’s retry budget is spent, marks the last attempt with why', () => {
    const rows = timelineOf([{ sent: 1 }, { settled: 1, answer: answered(503, 'service-unavailable') }, { gaveUp: 'budget-exhausted', attempts: 1 }]);
    expect(rows).toEqual([{ attempt: 1, outcome: 'server-error', status: 503, replayed: false, slug: 'service-unavailable', gaveUp: 'budget-exhausted' }]);
  });

  it('when an attempt has been sent and not settled, leaves its row "sent"', () => {
    expect(timelineOf([{ sent: 1 }])).toEqual([{ attempt: 1, outcome: 'sent' }]);
  });
});

describe('attemptAnswerOf(event)', () => {
  it('when the answer is a 502 page from something in front of the shop (no problem type), gives no slug', () => {
    expect(attemptAnswerOf({ attempt: 1, ...sent, durationMs: 1, status: 502, headers: {}, verdict: 'ambiguous' })).toEqual({
      outcome: 'server-error',
      status: 502,
      replayed: false,
    });
  });

  it('when the shop says what its problem means (Problem-Outcome), keeps it with the answer', () => {
    const event = { attempt: 1, ...sent, durationMs: 1, status: 503, headers: { 'problem-outcome': 'unfinished' }, problemType: '/problems/internal-error' };
    expect(attemptAnswerOf({ ...event, verdict: 'ambiguous' } as AttemptSettledEvent)).toMatchObject({ slug: 'internal-error', problemOutcome: 'unfinished' });
  });

  it('when a 409 is not "in progress" (the client calls it definite), shows "rejected"', () => {
    expect(attemptAnswerOf({ attempt: 1, ...sent, durationMs: 1, ...answered(409, 'email-taken') } as AttemptSettledEvent).outcome).toBe('rejected');
  });
});
