import { createRetryingClient } from '@safe-checkout/retrying-client';
import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios';
import { withTraceContext } from './trace-context';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('withTraceContext(hooks)', () => {
  it('sends every attempt of one request a traceparent: the same trace id, a new parent id each time', async () => {
    const sent: string[] = [];
    const statuses = [503, 201];
    const adapter: AxiosAdapter = async (config) => {
      sent.push(String(config.headers.get('traceparent')));
      const response: AxiosResponse = { status: statuses.shift() ?? 200, statusText: '', headers: new AxiosHeaders(), data: '{}', config };
      if (response.status >= 500) throw new AxiosError('unavailable', AxiosError.ERR_BAD_RESPONSE, config, null, response);
      return response;
    };
    const attempts: number[] = [];
    const client = createRetryingClient({ axios: { adapter }, baseDelayMs: 0, maxDelayMs: 0 });
    await client.post(
      '/orders',
      {},
      { idempotencyKey: '6f1c2b0e-5d7a-4c1e-9a3b-2f8e7d6c5b4a', hooks: withTraceContext({ onAttempt: (e) => attempts.push(e.attempt) }) },
    );

    const [first, second] = sent.map((header) => TRACEPARENT.exec(header));
    expect(first?.[1]).toBe(second?.[1]);
    expect(first?.[2]).not.toBe(second?.[2]);
    expect(attempts).toEqual([1, 2]);
  });
});
