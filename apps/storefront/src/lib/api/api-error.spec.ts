import { RetryingClientError, type AttemptFailure } from '@safe-checkout/retrying-client';
import { toApiError } from './api-error';

type LastAxiosError = ConstructorParameters<typeof RetryingClientError>[0];

const API = 'http://shop.test';
const failure = (attempt: number, status?: number, kind: AttemptFailure['kind'] = status ? 'status' : 'network'): AttemptFailure => ({
  attempt,
  kind,
  reason: status ? `http:${status}` : kind,
  ...(status ? { status } : {}),
  retryable: true,
  ambiguous: true,
  message: 'fake',
  durationMs: 1,
});
const gaveUp = (failures: AttemptFailure[], response?: { status: number; data: unknown }) =>
  new RetryingClientError(
    { message: 'fake', code: response ? undefined : 'ECONNRESET', config: undefined, request: undefined, response } as unknown as LastAxiosError,
    {
      stopReason: 'retries-exhausted',
      failures,
    },
  );

describe('toApiError(error, apiBaseUrl)', () => {
  it('when no attempt got an answer, says the shop cannot be reached', () => {
    const error = toApiError(gaveUp([failure(1), failure(2)]), API);
    expect(error).toMatchObject({ kind: 'unreachable', title: 'Cannot reach the shop' });
    expect(error.message).toBe(`No answer from ${API} after 2 attempts. Check your connection.`);
  });

  it('when only the last attempt got no answer, says the earlier ones were answered, not that the shop is unreachable', () => {
    const error = toApiError(gaveUp([failure(1, 503), failure(2, 503), failure(3, 503), failure(4)]), API);
    expect(error).toMatchObject({ kind: 'unreachable', title: 'The shop stopped answering' });
    expect(error.message).toBe(`The last of 4 attempts got no answer from ${API}; earlier attempts were answered with HTTP 503, 503, 503.`);
    expect(error.message).not.toMatch(/connection/);
  });

  it('when the last attempt timed out after answered ones, says it got no answer in time', () => {
    const error = toApiError(gaveUp([failure(1, 500), failure(2, undefined, 'timeout')]), API);
    expect(error).toMatchObject({ kind: 'timeout', title: 'The shop stopped answering' });
    expect(error.message).toContain('got no answer in time');
  });

  it('when the last attempt was answered with a problem, uses its customer wording', () => {
    const problem = { type: '/problems/internal-error', title: 'Internal server error', status: 500, detail: 'boom' };
    const error = toApiError(gaveUp([failure(1), failure(2, 500)], { status: 500, data: problem }), API);
    expect(error).toMatchObject({ kind: 'problem', status: 500, slug: 'internal-error', title: 'Something failed on our side' });
  });

  it('when the card was declined, words the decline code from the problem', () => {
    const problem = {
      type: '/problems/payment-declined',
      title: 'Payment declined',
      status: 402,
      detail: 'declined',
      declineCode: 'insufficient_funds',
      orderId: 'o1',
    };
    const error = toApiError(gaveUp([failure(1, 402)], { status: 402, data: problem }), API);
    expect(error).toMatchObject({ kind: 'problem', status: 402, slug: 'payment-declined', title: 'Your card was declined' });
    expect(error.message).toBe('Your card was declined — insufficient funds. Nothing was charged; your cart is kept.');
  });

  it('when a decline code does not look like one, leaves it out', () => {
    const problem = { type: '/problems/payment-declined', title: 'Payment declined', status: 402, detail: 'declined', declineCode: '<b>Call us</b>' };
    expect(toApiError(gaveUp([failure(1, 402)], { status: 402, data: problem }), API).message).toBe(
      'Your card was declined. Nothing was charged; your cart is kept.',
    );
  });
});
