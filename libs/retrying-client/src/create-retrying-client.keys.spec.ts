import axios from 'axios';
import { createRetryingClient } from './create-retrying-client';
import type { AttemptEvent } from './retry-hooks';
import { RetryingClientError } from './retrying-client.error';
import type { RetryingClientOptions } from './retrying-client.options';
import { scriptedAdapter, type ScriptStep } from './testing/scripted-adapter';

const UUID_V4_SF_STRING = /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/;
const IN_PROGRESS: ScriptStep = { status: 409, data: { type: 'https://api.example/problems/idempotency-request-in-progress' } };

// No waiting here: these tests are about what is sent, so the backoff is zero.
function clientFor(steps: ScriptStep[], options: RetryingClientOptions = {}) {
  const { adapter, calls } = scriptedAdapter(steps);
  const client = createRetryingClient({ baseDelayMs: 0, ...options, axios: { adapter } });
  return { client, calls, keys: () => calls.map((c) => c.headers['idempotency-key']) };
}

const rejectionOf = (request: Promise<unknown>) =>
  request.then(
    () => undefined,
    (e: unknown) => e as RetryingClientError,
  );

describe('createRetryingClient(options) — one key per operation', () => {
  it('sends the caller’s key as an sf-string, identical on every attempt, with Idempotency-Attempt 1, 2, 3', async () => {
    const { client, calls, keys } = clientFor([{ status: 500 }, { status: 503 }]);
    const response = await client.post('/orders', { sku: 'A' }, { idempotencyKey: 'order-7f3a-2025-01-06' });
    expect(response.status).toBe(200);
    expect(keys()).toEqual(Array(3).fill('"order-7f3a-2025-01-06"'));
    expect(calls.map((c) => c.headers['idempotency-attempt'])).toEqual(['1', '2', '3']);
  });

  it('mints one UUIDv4 per POST or PATCH operation when mintIdempotencyKeys is on', async () => {
    const { client, keys } = clientFor([{ status: 503 }, { status: 200 }, { status: 200 }], { mintIdempotencyKeys: true });
    await client.post('/orders', {});
    await client.patch('/orders/1', {});
    const [first, retry, next] = keys();
    expect(first).toMatch(UUID_V4_SF_STRING);
    expect(retry).toBe(first);
    expect(next).toMatch(UUID_V4_SF_STRING);
    expect(next).not.toBe(first);
  });

  it('never mints a key for a GET, which needs none to be retried', async () => {
    const { client, keys } = clientFor([{ status: 503 }], { mintIdempotencyKeys: true });
    await client.get('/orders/1');
    expect(keys()).toEqual([undefined, undefined]);
  });

  it('keeps an Idempotency-Key header the caller set, as is, on every attempt', async () => {
    const { client, keys } = clientFor([{ status: 502 }], { mintIdempotencyKeys: true });
    await client.post('/orders', {}, { headers: { 'Idempotency-Key': '"from-the-caller-0001"' }, idempotencyKey: 'ignored' });
    expect(keys()).toEqual(['"from-the-caller-0001"', '"from-the-caller-0001"']);
  });

  it('never retries a POST without a key, not even after a network error, and calls it ambiguous', async () => {
    const { client, calls } = clientFor([{ networkError: 'ECONNRESET' }]);
    const error = await rejectionOf(client.post('/orders', {}));
    expect(calls).toHaveLength(1);
    expect(error).toBeInstanceOf(RetryingClientError);
    expect(error).toMatchObject({ stopReason: 'method-not-retryable', outcome: 'ambiguous', attempts: 1 });
  });

  it('retries a keyed POST while the server says the same key is still in progress (409)', async () => {
    const { client, calls } = clientFor([IN_PROGRESS, IN_PROGRESS]);
    const response = await client.post('/orders', {}, { idempotencyKey: 'order-in-progress-01' });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(3);
  });
});

describe('createRetryingClient(options) — giving up', () => {
  it('never retries a 4xx such as 422, and calls the outcome definite', async () => {
    const { client, calls } = clientFor([{ status: 422 }]);
    const error = await rejectionOf(client.post('/orders', {}, { idempotencyKey: 'order-rejected-001' }));
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ outcome: 'definite', stopReason: 'not-retryable', status: 422, code: 'ERR_BAD_REQUEST' });
  });

  it('gives up after 1 + 3 attempts with an ambiguous error that lists why each failed', async () => {
    const steps: ScriptStep[] = [{ networkError: 'ECONNRESET' }, { networkError: 'ECONNABORTED' }, { status: 500 }, { status: 503 }];
    const giveUps: RetryingClientError[] = [];
    const { client } = clientFor(steps, { onGiveUp: (e) => giveUps.push(e) });
    const error = await rejectionOf(client.put('/carts/9', {}));
    expect(error).toMatchObject({ outcome: 'ambiguous', stopReason: 'retries-exhausted', attempts: 4 });
    expect(error?.failures.map((f) => f.reason)).toEqual(['network:ECONNRESET', 'timeout', 'http:500', 'http:503']);
    expect(error?.message).toMatch(/PUT \/carts\/9 failed after 4 attempt\(s\).*may or may not have been applied/);
    expect(giveUps).toEqual([error]);
  });

  it('is still an AxiosError, with the last response and the original error as its cause', async () => {
    const { client } = clientFor([{ status: 404 }]);
    const error = await rejectionOf(client.get('/orders/404'));
    expect(axios.isAxiosError(error)).toBe(true);
    expect(error?.name).toBe('RetryingClientError');
    expect(error?.response?.status).toBe(404);
    expect(axios.isAxiosError(error?.cause)).toBe(true);
  });

  it('reports every attempt to onAttempt before it is sent', async () => {
    const attempts: AttemptEvent[] = [];
    const { client } = clientFor([{ status: 503 }], { onAttempt: (e) => attempts.push(e) });
    await client.delete('/carts/9', { idempotencyKey: 'cart-9-delete-0001' });
    expect(attempts).toEqual([
      { attempt: 1, method: 'DELETE', url: '/carts/9', idempotencyKey: 'cart-9-delete-0001', setHeader: expect.any(Function) },
      { attempt: 2, method: 'DELETE', url: '/carts/9', idempotencyKey: 'cart-9-delete-0001', setHeader: expect.any(Function) },
    ]);
  });

  it('leaves a cancellation as axios’s CanceledError, without retrying it', async () => {
    const { client, calls } = clientFor([]);
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(client.get('/stock', { signal: controller.signal }));
    expect(axios.isCancel(error)).toBe(true);
    expect(calls).toHaveLength(0);
  });

  describe('Prefer: wait on keyed requests', () => {
    it("asks the server to wait for a running duplicate's answer (wait=5 by default) on every attempt of a keyed request, and never on an unkeyed one", async () => {
      const { client, calls } = clientFor([{ status: 503 }, { status: 200 }, { status: 200 }]);
      await client.post('/orders', {}, { idempotencyKey: 'order-7f3a-2025-01-06' });
      await client.get('/orders');
      expect(calls.map((c) => c.headers.prefer)).toEqual(['wait=5', 'wait=5', undefined]);
    });

    it('keeps the wait below the attempt timeout, and sends none when the timeout leaves no whole second', async () => {
      const short = clientFor([{ status: 200 }], { attemptTimeoutMs: 3_000 });
      await short.client.post('/orders', {}, { idempotencyKey: 'order-7f3a-2025-01-06' });
      const tiny = clientFor([{ status: 200 }], { attemptTimeoutMs: 1_500 });
      await tiny.client.post('/orders', {}, { idempotencyKey: 'order-7f3a-2025-01-06' });
      expect(short.calls[0].headers.prefer).toBe('wait=2');
      expect(tiny.calls[0].headers.prefer).toBeUndefined();
    });

    it('sends none with preferWaitSeconds: 0, and leaves a Prefer header of the caller alone', async () => {
      const off = clientFor([{ status: 200 }], { preferWaitSeconds: 0 });
      await off.client.post('/orders', {}, { idempotencyKey: 'order-7f3a-2025-01-06' });
      const own = clientFor([{ status: 503 }, { status: 200 }]);
      await own.client.post('/orders', {}, { idempotencyKey: 'order-7f3a-2025-01-06', headers: { Prefer: 'respond-async' } });
      expect(off.calls[0].headers.prefer).toBeUndefined();
      expect(own.calls.map((c) => c.headers.prefer)).toEqual(['respond-async', 'respond-async']);
    });

    it('refuses a preferWaitSeconds that is not a whole number of seconds', () => {
      expect(() => createRetryingClient({ preferWaitSeconds: 1.5 })).toThrow(RangeError);
    });
  });
});
