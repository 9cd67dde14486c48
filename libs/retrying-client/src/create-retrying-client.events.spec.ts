import { createRetryingClient } from './create-retrying-client';
import type { AttemptSettledEvent, RetryAttemptHooks, RetryEvent } from './retry-hooks';
import type { RetryingClientOptions } from './retrying-client.options';
import { scriptedAdapter, type ScriptStep } from './testing/scripted-adapter';

const KEY = 'order-7f3a-2025-01-06';
const IN_PROGRESS: ScriptStep = { status: 409, headers: { 'Retry-After': '0' }, data: { type: '/problems/idempotency-request-in-progress' } };

function recorder() {
  const events: string[] = [];
  const settled: AttemptSettledEvent[] = [];
  const retries: RetryEvent[] = [];
  const hooks: RetryAttemptHooks = {
    onAttempt: (e) => events.push(`sent ${e.attempt}`),
    onAttemptSettled: (e) => {
      settled.push(e);
      events.push(`settled ${e.attempt} ${e.verdict}`);
    },
    onRetry: (e) => {
      retries.push(e);
      events.push(`retry ${e.attempt} after ${e.delayMs} (${e.basis})`);
    },
    onGiveUp: (e) => events.push(`gave up ${e.outcome}`),
  };
  return { hooks, events, settled, retries };
}

function clientFor(steps: ScriptStep[], options: RetryingClientOptions = {}) {
  const { adapter } = scriptedAdapter(steps);
  return createRetryingClient({ baseDelayMs: 0, maxDelayMs: 0, random: () => 0.5, ...options, axios: { adapter } });
}

describe('createRetryingClient(options) — one event per attempt', () => {
  it('tells onAttemptSettled once per attempt what it came to: the status, headers, problem type and the verdict', async () => {
    const { hooks, events, settled } = recorder();
    const client = clientFor([IN_PROGRESS, { status: 503 }, { status: 201, data: { id: 'o-1' } }], hooks);
    await client.post('/orders', {}, { idempotencyKey: KEY });

    expect(events).toEqual([
      'sent 1',
      'settled 1 ambiguous',
      'retry 2 after 0 (backoff)',
      'sent 2',
      'settled 2 ambiguous',
      'retry 3 after 0 (backoff)',
      'sent 3',
      'settled 3 succeeded',
    ]);
    expect(settled[0]).toMatchObject({
      attempt: 1,
      method: 'POST',
      url: '/orders',
      idempotencyKey: KEY,
      status: 409,
      problemType: '/problems/idempotency-request-in-progress',
      headers: { 'retry-after': '0' },
    });
    expect(settled[0].failure).toMatchObject({ reason: 'http:409-in-progress', retryable: true });
    expect(settled[2]).toMatchObject({ attempt: 3, status: 201, verdict: 'succeeded' });
    expect(settled[2].failure).toBeUndefined();
  });

  it('calls a definite 4xx definite, a lost connection ambiguous, and reports the give-up after the last settled event', async () => {
    const definite = recorder();
    await clientFor([{ status: 422, data: { type: '/problems/insufficient-stock' } }], definite.hooks)
      .post('/orders', {}, { idempotencyKey: KEY })
      .catch(() => undefined);
    const ambiguous = recorder();
    await clientFor([{ networkError: 'ECONNRESET' }], { ...ambiguous.hooks, retries: 0 })
      .post('/orders', {}, { idempotencyKey: KEY })
      .catch(() => undefined);

    expect(definite.events).toEqual(['sent 1', 'settled 1 definite', 'gave up definite']);
    expect(definite.settled[0]).toMatchObject({ status: 422, problemType: '/problems/insufficient-stock' });
    expect(ambiguous.events).toEqual(['sent 1', 'settled 1 ambiguous', 'gave up ambiguous']);
    expect(ambiguous.settled[0].status).toBeUndefined();
  });

  it('reads the problem type of a Stripe-shaped error too', async () => {
    const { hooks, settled } = recorder();
    await clientFor([{ status: 402, data: { error: { type: 'card_error', code: 'card_declined' } } }], hooks)
      .post('/v1/payment_intents', '', { idempotencyKey: KEY })
      .catch(() => undefined);
    expect(settled[0]).toMatchObject({ status: 402, problemType: 'card_error', verdict: 'definite' });
  });

  it('gives onRetry the decision itself: the wait drawn under the backoff cap, or from Retry-After with the hint', async () => {
    const { hooks, retries } = recorder();
    const client = clientFor([{ status: 503 }, { status: 503, headers: { 'Retry-After': '3' } }], { ...hooks, baseDelayMs: 1000, maxDelayMs: 20_000 });
    jest.useFakeTimers();
    try {
      const done = client.get('/stock');
      await jest.advanceTimersByTimeAsync(10_000);
      await done;
    } finally {
      jest.useRealTimers();
    }
    expect(retries).toEqual([
      expect.objectContaining({ attempt: 2, delayMs: 500, basis: 'backoff', capMs: 1000 }),
      expect.objectContaining({ attempt: 3, delayMs: 3300, basis: 'retry-after', capMs: 2000, retryAfterMs: 3000 }),
    ]);
  });
});

describe('onAttempt(event).setHeader(name, value)', () => {
  it('adds a header to that attempt only, so each attempt can name its own trace span', async () => {
    const { adapter, calls } = scriptedAdapter([{ status: 503 }, { status: 201 }]);
    const client = createRetryingClient({ baseDelayMs: 0, maxDelayMs: 0, axios: { adapter } });
    await client.post(
      '/orders',
      {},
      { idempotencyKey: KEY, hooks: { onAttempt: (e) => e.setHeader('traceparent', `00-${'1'.repeat(32)}-${String(e.attempt).padStart(16, '0')}-01`) } },
    );

    expect(calls.map((call) => call.headers.traceparent)).toEqual([`00-${'1'.repeat(32)}-0000000000000001-01`, `00-${'1'.repeat(32)}-0000000000000002-01`]);
  });

  it('refuses to let an observer change the Idempotency-Key or the attempt number', async () => {
    const { adapter, calls } = scriptedAdapter([{ status: 201 }]);
    const client = createRetryingClient({ axios: { adapter }, onAttempt: (e) => e.setHeader('Idempotency-Key', '"other"') });
    await expect(client.post('/orders', {}, { idempotencyKey: KEY })).rejects.toThrow(/not an observer's/);
    expect(calls).toHaveLength(0);
  });
});

describe('hooks per request (config.hooks)', () => {
  it("calls the request's own hooks after the client's, for that request only", async () => {
    const client = recorder();
    const mine = recorder();
    const other = recorder();
    const http = clientFor([{ status: 503 }, { status: 200 }, { status: 200 }], client.hooks);
    await http.get('/a', { hooks: mine.hooks });
    await http.get('/b', { hooks: other.hooks });

    expect(mine.events).toEqual(['sent 1', 'settled 1 ambiguous', 'retry 2 after 0 (backoff)', 'sent 2', 'settled 2 succeeded']);
    expect(other.events).toEqual(['sent 1', 'settled 1 succeeded']);
    expect(client.events).toEqual([...mine.events, ...other.events]);
  });

  it('shares one retry budget between requests, whatever their hooks: the client is the unit of the budget', async () => {
    const http = clientFor(
      Array.from({ length: 40 }, () => ({ status: 503 })),
      { budget: { maxTokens: 4, tokenRatio: 0.1 }, retries: 10 },
    );
    const stops: string[] = [];
    for (const path of ['/a', '/b']) {
      await http.get(path, { hooks: { onGiveUp: (e) => stops.push(e.stopReason) } }).catch(() => undefined);
    }
    expect(stops).toEqual(['budget-exhausted', 'budget-exhausted']);
  });
});
