import { createRetryingClient } from './create-retrying-client';
import type { RetryEvent } from './retry-hooks';
import type { RetryingClientError } from './retrying-client.error';
import type { RetryingClientOptions } from './retrying-client.options';
import { startFlakyHttpServer, type Fault, type FlakyHttpServer } from './testing/flaky-http-server';

const MAX_DELAY_MS = 40;

let server: FlakyHttpServer;
afterEach(() => server.close());

/** A client of a real local server; `Retry-After` hints get clamped to a few tens of milliseconds. */
async function clientOf(faults: Fault[], fallback: Fault, options: RetryingClientOptions = {}) {
  server = await startFlakyHttpServer(faults, fallback);
  const retries: RetryEvent[] = [];
  const client = createRetryingClient({
    baseDelayMs: 2,
    maxDelayMs: MAX_DELAY_MS,
    attemptTimeoutMs: 2000,
    onRetry: (e) => retries.push(e),
    ...options,
    axios: { baseURL: server.url, httpAgent: server.agent },
  });
  return { client, retries };
}

const OK: Fault = { kind: 'ok' };
const UNAVAILABLE: Fault = { kind: 'status', status: 503 };
const rejectionOf = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (e: unknown) => e as RetryingClientError,
  );
const gapMs = () => server.arrivals[1].at - server.arrivals[0].at;

describe('createRetryingClient(options) against a real server — Retry-After', () => {
  it('after a 429 with Retry-After in delay-seconds, waits the hint clamped to maxDelayMs, plus up to 20 %', async () => {
    const { client, retries } = await clientOf([{ kind: 'status', status: 429, headers: { 'Retry-After': '1' } }], OK);
    expect((await client.get('/stock')).status).toBe(200);
    expect(retries[0].delayMs).toBeGreaterThanOrEqual(MAX_DELAY_MS);
    expect(retries[0].delayMs).toBeLessThanOrEqual(MAX_DELAY_MS * 1.2);
    expect(gapMs()).toBeGreaterThanOrEqual(MAX_DELAY_MS);
  });

  it('after a 503 with Retry-After as an HTTP-date, waits until then, clamped to maxDelayMs, plus up to 20 %', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
    const { client, retries } = await clientOf([{ kind: 'status', status: 503, headers: { 'Retry-After': inAnHour } }], OK);
    expect((await client.get('/stock')).status).toBe(200);
    expect(retries[0]).toMatchObject({ attempt: 2, reason: 'http:503' });
    expect(retries[0].delayMs).toBeGreaterThanOrEqual(MAX_DELAY_MS);
    expect(retries[0].delayMs).toBeLessThanOrEqual(MAX_DELAY_MS * 1.2);
    expect(gapMs()).toBeGreaterThanOrEqual(MAX_DELAY_MS);
  });
});

describe('createRetryingClient(options) against a real server — protecting the server', () => {
  it('stops retrying during a sustained outage once the retry budget is spent: 10 requests, 13 attempts', async () => {
    const { client } = await clientOf([], UNAVAILABLE);
    const errors: (RetryingClientError | undefined)[] = [];
    for (let i = 0; i < 10; i++) errors.push(await rejectionOf(client.get(`/stock/${i}`)));
    // Tokens 10 → 6 over the first request's 4 attempts; the second request's only attempt takes
    // them to 5, half of the bucket: from then on, only first attempts.
    expect(server.arrivals).toHaveLength(13);
    expect(errors.map((e) => e?.attempts)).toEqual([4, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(errors[0]?.stopReason).toBe('retries-exhausted');
    expect(new Set(errors.slice(1).map((e) => e?.stopReason))).toEqual(new Set(['budget-exhausted']));
  });

  it('keeps a budget per client instance: a fresh client retries again', async () => {
    const { client } = await clientOf([], UNAVAILABLE);
    for (let i = 0; i < 3; i++) await rejectionOf(client.get('/stock'));
    expect(await rejectionOf(client.get('/stock'))).toMatchObject({ attempts: 1, stopReason: 'budget-exhausted' });
    const fresh = createRetryingClient({ baseDelayMs: 2, axios: { baseURL: server.url, httpAgent: server.agent } });
    expect(await rejectionOf(fresh.get('/stock'))).toMatchObject({ attempts: 4 });
  });

  it('schedules no retry that could not finish before the deadline, against a server that hangs', async () => {
    const { client } = await clientOf([], { kind: 'slow', delayMs: 5000 }, { attemptTimeoutMs: 100, deadlineMs: 300 });
    const startedAt = Date.now();
    const error = await rejectionOf(client.get('/stock'));
    // Attempt 1 times out near 100 ms, so attempt 2 fits (it ends near 200 ms); a third one would
    // end near 300 ms at the earliest plus its wait: it could not finish before the deadline.
    expect(error).toMatchObject({ stopReason: 'deadline-exceeded', outcome: 'ambiguous', attempts: 2 });
    expect(error?.failures.map((f) => f.reason)).toEqual(['timeout', 'timeout']);
    expect(Date.now() - startedAt).toBeLessThan(300 + 100); // timer lateness aside, never past the deadline
  });
});
