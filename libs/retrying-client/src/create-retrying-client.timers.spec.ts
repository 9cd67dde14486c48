import { createRetryingClient } from './create-retrying-client';
import type { RetryEvent } from './retry-hooks';
import { RetryingClientError } from './retrying-client.error';
import type { RetryingClientOptions } from './retrying-client.options';
import { scriptedAdapter, type ScriptStep } from './testing/scripted-adapter';

const UNAVAILABLE: ScriptStep = { status: 503 };
const half = () => 0.5;

/** A client on a scripted adapter, with `random` fixed at 0.5 so every delay is known. */
function clientFor(steps: ScriptStep[], options: RetryingClientOptions = {}) {
  const { adapter, calls } = scriptedAdapter(steps);
  const retries: RetryEvent[] = [];
  const client = createRetryingClient({ random: half, onRetry: (e) => retries.push(e), ...options, axios: { adapter } });
  return { client, calls, retries };
}

/** Settles a request into a value, so a rejection is never left unhandled while time advances. */
const settle = <T>(request: Promise<T>) =>
  request.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** Advances fake time by `ms` and returns the dispatch times of the calls made so far, relative to the first. */
async function after(ms: number, calls: { at: number }[]): Promise<number[]> {
  await jest.advanceTimersByTimeAsync(ms);
  return calls.map((c) => c.at - calls[0].at);
}

describe('createRetryingClient(options) — waiting between attempts', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2025-01-06T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('waits the full-jitter backoff before each retry (0.5 of 1 s, 2 s, 4 s), then succeeds', async () => {
    const { client, calls, retries } = clientFor([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE]);
    const result = settle(client.get('/stock'));
    expect(await after(499, calls)).toEqual([0]);
    expect(await after(1, calls)).toEqual([0, 500]);
    expect(await after(1000, calls)).toEqual([0, 500, 1500]);
    expect(await after(2000, calls)).toEqual([0, 500, 1500, 3500]);
    expect(await result).toMatchObject({ value: { status: 200 } });
    expect(retries).toEqual([
      { attempt: 2, delayMs: 500, basis: 'backoff', capMs: 1000, reason: 'http:503', idempotencyKey: undefined },
      { attempt: 3, delayMs: 1000, basis: 'backoff', capMs: 2000, reason: 'http:503', idempotencyKey: undefined },
      { attempt: 4, delayMs: 2000, basis: 'backoff', capMs: 4000, reason: 'http:503', idempotencyKey: undefined },
    ]);
  });

  it("waits exactly the cap with jitter 'none': 1 s, 2 s, 4 s", async () => {
    const { client, calls } = clientFor([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE], { jitter: 'none' });
    const result = settle(client.get('/stock'));
    expect(await after(7000, calls)).toEqual([0, 1000, 3000, 7000]);
    await result;
  });

  it("waits the cap ± jitterSpread with jitter 'proportional': at the lowest draw, 25 % below 1 s, 2 s, 4 s", async () => {
    const { client, calls, retries } = clientFor([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE], { jitter: 'proportional', random: () => 0 });
    const result = settle(client.get('/stock'));
    expect(await after(749, calls)).toEqual([0]);
    expect(await after(1, calls)).toEqual([0, 750]);
    expect(await after(4500, calls)).toEqual([0, 750, 2250, 5250]);
    expect(retries.map((r) => [r.delayMs, r.capMs])).toEqual([
      [750, 1000],
      [1500, 2000],
      [3000, 4000],
    ]);
    await result;
  });

  it('takes the spread from jitterSpread: ±10 % at the highest draw is 1.1 s, then 2.2 s', async () => {
    const highest = () => 1 - Number.EPSILON;
    const { client, calls } = clientFor([UNAVAILABLE, UNAVAILABLE], { jitter: 'proportional', jitterSpread: 0.1, random: highest });
    const result = settle(client.get('/stock'));
    expect(await after(1099, calls)).toEqual([0]);
    expect(await after(1, calls)).toEqual([0, 1100]);
    expect(await after(2200, calls)).toEqual([0, 1100, 3300]);
    await result;
  });

  it('refuses a jitterSpread outside [0, 1]', () => {
    expect(() => createRetryingClient({ jitter: 'proportional', jitterSpread: 1.5 })).toThrow(RangeError);
    expect(() => createRetryingClient({ jitterSpread: -0.1 })).toThrow(RangeError);
  });

  it('honours Retry-After in delay-seconds, with up to 20 % jitter on top (5 s → 5.5 s at 0.5)', async () => {
    const { client, calls, retries } = clientFor([{ status: 429, headers: { 'Retry-After': '5' } }]);
    const result = settle(client.get('/stock'));
    expect(await after(5499, calls)).toEqual([0]);
    expect(await after(1, calls)).toEqual([0, 5500]);
    expect(retries[0]).toEqual({
      attempt: 2,
      delayMs: 5500,
      basis: 'retry-after',
      capMs: 1000,
      retryAfterMs: 5000,
      reason: 'http:429',
      idempotencyKey: undefined,
    });
    await result;
  });

  it('honours Retry-After as an HTTP-date (8 s from now → 8.8 s at 0.5)', async () => {
    const retryAt = new Date(Date.now() + 8000).toUTCString();
    const { client, calls } = clientFor([{ status: 503, headers: { 'Retry-After': retryAt } }]);
    const result = settle(client.get('/stock'));
    expect(await after(8800, calls)).toEqual([0, 8800]);
    await result;
  });

  it('clamps a Retry-After of one hour to maxDelayMs (20 s), jitter on top (22 s at 0.5)', async () => {
    const { client, calls } = clientFor([{ status: 503, headers: { 'Retry-After': '3600' } }]);
    const result = settle(client.get('/stock'));
    expect(await after(21_999, calls)).toEqual([0]);
    expect(await after(1, calls)).toEqual([0, 22_000]);
    await result;
  });

  it('schedules no retry that could not finish before the deadline, and says so', async () => {
    const options = { deadlineMs: 2500, attemptTimeoutMs: 500 };
    const { client, calls } = clientFor([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE], options);
    const result = settle(client.get('/stock'));
    // Retries at 500 (ends by 1000) and 1500 (ends by 2000); the next would start at 3500.
    expect(await after(10_000, calls)).toEqual([0, 500, 1500]);
    const { error } = (await result) as { error: RetryingClientError };
    expect(error).toBeInstanceOf(RetryingClientError);
    expect(error).toMatchObject({ stopReason: 'deadline-exceeded', attempts: 3, outcome: 'ambiguous' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('clamps each attempt timeout to the time left before the deadline', async () => {
    const { client, calls } = clientFor([], { deadlineMs: 300, attemptTimeoutMs: 10_000 });
    await client.get('/stock');
    expect(calls[0].timeout).toBe(300);
  });

  it('lets a request set its own deadline (here, with no per-attempt timeout: a retry must start before it)', async () => {
    const { client, calls } = clientFor([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE], { deadlineMs: 60_000, attemptTimeoutMs: 0 });
    const result = settle(client.get('/stock', { deadlineMs: 1000 }));
    expect(await after(10_000, calls)).toEqual([0, 500]);
    expect(calls[1].timeout).toBe(500);
    expect(await result).toMatchObject({ error: { stopReason: 'deadline-exceeded', attempts: 2 } });
  });

  it("lets a request set its own number of retries through axios-retry's per-request config", async () => {
    const { client, calls } = clientFor([UNAVAILABLE, UNAVAILABLE, UNAVAILABLE]);
    const result = settle(client.get('/stock', { 'axios-retry': { retries: 1 } }));
    expect(await after(10_000, calls)).toEqual([0, 500]);
    expect(await result).toMatchObject({ error: { stopReason: 'retries-exhausted', attempts: 2 } });
  });
});
