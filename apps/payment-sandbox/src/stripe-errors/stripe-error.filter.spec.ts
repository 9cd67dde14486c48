import { useTestSandbox } from '../testing/test-sandbox';

// Every answer of the sandbox is one a Stripe client understands: `{ error: { type, message } }`
// as application/json, never problem+json, also where Nest or Express answer.
describe('StripeErrorFilter, through real HTTP', () => {
  const suite = useTestSandbox();

  const expectStripeError = (response: Awaited<ReturnType<typeof suite.http.get>>, status: number, message: RegExp | string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual({ error: { type: 'invalid_request_error', message: expect.stringMatching(message) } });
  };

  it.each([
    ['GET', '/v1/charges'],
    ['DELETE', '/v1/payment_intents'],
    ['POST', '/v1/payment_intents/pi_123/confirm'],
    ['GET', '/'],
  ])('answers 404 invalid_request_error for the unknown route %s %s', async (method, path) => {
    const response = await suite.http.send(method, path, undefined, {});
    expectStripeError(response, 404, new RegExp(`^Unrecognized request URL \\(${method}: ${path.replace(/\//g, '\\/')}\\)`));
  });

  it('answers 413 for a body over 100 kB', async () => {
    const response = await suite.http.post('/v1/payment_intents', `amount=100&metadata[big]=${'x'.repeat(110_000)}`);
    expectStripeError(response, 413, /too large/);
  });

  it('answers 413 for more than 1000 parameters', async () => {
    const response = await suite.http.post('/v1/payment_intents', Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&'));
    expectStripeError(response, 413, /too many parameters/);
  });

  it('answers 415 for a charset it cannot decode', async () => {
    const response = await suite.http.post('/v1/payment_intents', 'amount=100', { contentType: 'application/x-www-form-urlencoded; charset=klingon' });
    expectStripeError(response, 415, /unsupported charset/);
  });

  it('answers 400 for a path that is not valid percent-encoding', async () => {
    const response = await suite.http.get('/v1/payment_intents/pi_%FF');
    expectStripeError(response, 400, /Invalid request/);
  });
});
