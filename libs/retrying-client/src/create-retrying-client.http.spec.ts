import { createRetryingClient } from './create-retrying-client';
import type { RetryEvent } from './retry-hooks';
import { RetryingClientError } from './retrying-client.error';
import type { RetryingClientOptions } from './retrying-client.options';
import { startFlakyHttpServer, type Fault, type FlakyHttpServer } from './testing/flaky-http-server';

const DROP_BEFORE_REQUEST: Fault = { kind: 'drop-before-request' };
const DROP_AFTER_PROCESSING: Fault = { kind: 'drop-after-processing' };
const SERVER_ERROR: Fault = { kind: 'status', status: 500 };
const SF_STRING = /^"[^"]+"$/;

let server: FlakyHttpServer;
afterEach(() => server.close());

/** A client of a real local server, with millisecond backoffs so the test stays fast. */
async function clientOf(faults: Fault[], options: RetryingClientOptions = {}) {
  server = await startFlakyHttpServer(faults);
  const retries: RetryEvent[] = [];
  const client = createRetryingClient({
    baseDelayMs: 2,
    maxDelayMs: 40,
    attemptTimeoutMs: 2000,
    onRetry: (e) => retries.push(e),
    ...options,
    axios: { baseURL: server.url, httpAgent: server.agent },
  });
  return { client, retries };
}

const rejectionOf = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (e: unknown) => e as RetryingClientError,
  );

describe('createRetryingClient(options) against a real server — the three failure scenarios', () => {
  it('when the request never arrives (connection dropped before it is read), retries and the request arrives once', async () => {
    const { client, retries } = await clientOf([DROP_BEFORE_REQUEST]);
    const response = await client.get('/stock');
    expect(response.status).toBe(200);
    expect(retries).toEqual([expect.objectContaining({ attempt: 2, reason: expect.stringMatching(/^network:/) })]);
    expect(server.arrivals.map((a) => a.attempt)).toEqual(['2']);
  });

  it('when the server fails (500), retries a keyed POST with the same key until it succeeds', async () => {
    const { client } = await clientOf([SERVER_ERROR, SERVER_ERROR], { mintIdempotencyKeys: true });
    const response = await client.post('/orders', { sku: 'A' });
    expect(response.status).toBe(201);
    const [first, ...others] = server.arrivals;
    expect(first.idempotencyKey).toMatch(SF_STRING);
    expect(others.map((a) => a.idempotencyKey)).toEqual([first.idempotencyKey, first.idempotencyKey]);
    expect(server.arrivals.map((a) => a.attempt)).toEqual(['1', '2', '3']);
    expect(server.applied).toBe(1);
  });

  it('when the response is lost after the server applied the POST, the retry gets the stored result: applied once', async () => {
    const { client } = await clientOf([DROP_AFTER_PROCESSING]);
    const response = await client.post('/orders', { sku: 'A' }, { idempotencyKey: 'order-lost-response-1' });
    expect(response.status).toBe(201);
    expect(response.headers['idempotent-replayed']).toBe('true');
    expect(server.arrivals.map((a) => a.idempotencyKey)).toEqual(['"order-lost-response-1"', '"order-lost-response-1"']);
    expect(server.applied).toBe(1);
  });
});

describe('createRetryingClient(options) against a real server — a POST without a key', () => {
  it('is not retried when the request never arrived, and the outcome is ambiguous', async () => {
    const { client } = await clientOf([DROP_BEFORE_REQUEST]);
    const error = await rejectionOf(client.post('/orders', { sku: 'A' }));
    expect(error).toBeInstanceOf(RetryingClientError);
    expect(error).toMatchObject({ stopReason: 'method-not-retryable', outcome: 'ambiguous', attempts: 1 });
    expect(server.arrivals).toHaveLength(0);
  });

  it('is not retried when the response was lost after it was applied: it is never applied twice', async () => {
    const { client } = await clientOf([DROP_AFTER_PROCESSING]);
    const error = await rejectionOf(client.post('/orders', { sku: 'A' }));
    expect(error).toMatchObject({ stopReason: 'method-not-retryable', outcome: 'ambiguous', attempts: 1 });
    expect(server.arrivals).toHaveLength(1);
    expect(server.applied).toBe(1);
  });
});

describe('createRetryingClient(options) against a real server — a slow server', () => {
  it('aborts an attempt at the per-attempt timeout and retries it', async () => {
    const { client, retries } = await clientOf([{ kind: 'slow', delayMs: 3000 }], { attemptTimeoutMs: 200 });
    const startedAt = Date.now();
    const response = await client.get('/stock');
    expect(response.status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(retries).toEqual([expect.objectContaining({ attempt: 2, reason: 'timeout' })]);
    expect(server.arrivals).toHaveLength(2);
  });
});
