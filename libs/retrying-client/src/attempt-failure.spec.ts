import { AxiosError, AxiosHeaders, CanceledError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { classifyFailure } from './attempt-failure';

const config = { headers: new AxiosHeaders(), method: 'post' } as InternalAxiosRequestConfig;

function answered(status: number, data: unknown = {}): AxiosError {
  const response = { status, data, headers: {}, config, statusText: '' } as AxiosResponse;
  return new AxiosError(`status ${status}`, 'ERR_BAD_RESPONSE', config, {}, response);
}
const failedWith = (code: string) => new AxiosError(`failed: ${code}`, code, config, {});
const classify = (error: unknown) => classifyFailure(error, 1, 12);

describe('classifyFailure(error, attempt, durationMs)', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(classify(answered(status))).toMatchObject({ kind: 'status', status, reason: `http:${status}`, retryable: true });
  });

  it.each([400, 401, 403, 404, 409, 410, 422, 501, 505])('never retries HTTP %i', (status) => {
    expect(classify(answered(status)).retryable).toBe(false);
  });

  it('retries a 409 whose problem type says the same key is still in progress, parsed or not', () => {
    const type = 'https://api.example/problems/idempotency-request-in-progress';
    expect(classify(answered(409, { type }))).toMatchObject({ reason: 'http:409-in-progress', retryable: true, ambiguous: true });
    expect(classify(answered(409, JSON.stringify({ type }))).retryable).toBe(true);
    expect(classify(answered(409, { type: 'https://api.example/problems/idempotency-key-reused' })).retryable).toBe(false);
  });

  it("retries Stripe's 409 idempotency_error (a request with the same key is in flight), and nothing else of Stripe's", () => {
    const inFlight = { error: { type: 'idempotency_error', message: 'There is currently another in-progress request using this idempotent key.' } };
    expect(classify(answered(409, inFlight))).toMatchObject({ reason: 'http:409-in-progress', retryable: true, ambiguous: true });
    expect(classify(answered(409, { error: { type: 'invalid_request_error' } })).retryable).toBe(false);
    expect(classify(answered(400, { error: { type: 'idempotency_error' } })).retryable).toBe(false);
  });

  it('calls 5xx ambiguous (the server may have applied it) and 4xx definite', () => {
    expect(classify(answered(503)).ambiguous).toBe(true);
    expect(classify(answered(429)).ambiguous).toBe(false);
    expect(classify(answered(422)).ambiguous).toBe(false);
  });

  it('retries per-attempt timeouts, which axios-retry does not', () => {
    for (const code of ['ECONNABORTED', 'ETIMEDOUT']) {
      expect(classify(failedWith(code))).toMatchObject({ kind: 'timeout', reason: 'timeout', retryable: true, ambiguous: true });
    }
  });

  it('retries refused and reset connections, socket hang-ups and DNS failures', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ERR_NETWORK', 'ENOTFOUND', 'EAI_AGAIN']) {
      expect(classify(failedWith(code))).toMatchObject({ kind: 'network', reason: `network:${code}`, retryable: true });
    }
  });

  it('never retries a TLS verification failure', () => {
    expect(classify(failedWith('CERT_HAS_EXPIRED')).retryable).toBe(false);
  });

  it('never retries what axios refused to send, and knows nothing was applied', () => {
    expect(classify(failedWith('ERR_INVALID_URL'))).toMatchObject({ kind: 'other', retryable: false, ambiguous: false });
  });

  it('never retries a cancellation', () => {
    expect(classify(new CanceledError(undefined, undefined, config))).toMatchObject({ kind: 'canceled', retryable: false });
  });

  it('records the attempt number, its duration and the message', () => {
    expect(classifyFailure(failedWith('ECONNRESET'), 3, 45)).toMatchObject({
      attempt: 3,
      durationMs: 45,
      code: 'ECONNRESET',
      message: 'failed: ECONNRESET',
    });
  });
});
