import { aCharge } from '../testing/sandbox-http';
import { useTestSandbox } from '../testing/test-sandbox';

// payments.md §1, first row: any request without the secret key, or with a wrong one, is 401.
describe('authentication by secret key', () => {
  const suite = useTestSandbox();

  const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

  describe.each([
    ['POST /v1/payment_intents', (options: Parameters<typeof suite.http.get>[1]) => suite.http.post('/v1/payment_intents', aCharge(), options)],
    ['GET /v1/payment_intents', (options: Parameters<typeof suite.http.get>[1]) => suite.http.get('/v1/payment_intents', options)],
    ['GET /v1/payment_intents/:id', (options: Parameters<typeof suite.http.get>[1]) => suite.http.get('/v1/payment_intents/pi_x', options)],
    [
      'GET /v1/payment_intents/search',
      (options: Parameters<typeof suite.http.get>[1]) => suite.http.get("/v1/payment_intents/search?query=metadata['order_id']:'1'", options),
    ],
    ['GET /v1/an-unknown-route', (options: Parameters<typeof suite.http.get>[1]) => suite.http.get('/v1/an-unknown-route', options)],
  ])('%s', (_route, send) => {
    it('answers 401 with a Stripe error object and WWW-Authenticate when no key is sent', async () => {
      const response = await send({ secretKey: null });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="Stripe"');
      expect(response.body).toEqual({ error: { type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') } });
    });

    it.each([
      ['a wrong key', { secretKey: 'sk_test_wrong_key_0000' }, 'Invalid API Key provided: sk_test_**********0000'],
      ['a wrong key as the Basic user name', { authorization: basic('sk_test_wrong_key_0000:') }, 'Invalid API Key provided'],
      ['the key with another scheme', { authorization: 'Token sk_test_safe' }, 'You did not provide an API key'],
      ['an empty Bearer', { authorization: 'Bearer ' }, 'You did not provide an API key'],
    ])('answers 401 for %s', async (_case, options, message) => {
      const response = await send(options);
      expect(response.status).toBe(401);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining(message) });
    });
  });

  it('never echoes the right key, nor a wrong one beyond its prefix and last four characters', async () => {
    const response = await suite.http.get('/v1/payment_intents', { secretKey: `${suite.sandbox.secretKey}x` });
    expect(response.text).not.toContain(suite.sandbox.secretKey);
  });

  it('accepts the key as Bearer token and as HTTP Basic user name (curl -u sk_…:)', async () => {
    expect((await suite.http.get('/v1/payment_intents', { authorization: `Bearer ${suite.sandbox.secretKey}` })).status).toBe(200);
    expect((await suite.http.get('/v1/payment_intents', { authorization: basic(`${suite.sandbox.secretKey}:`) })).status).toBe(200);
  });

  it('serves GET /health without a key', async () => {
    const response = await suite.http.get('/health', { secretKey: null });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('stores nothing for a POST it rejects as unauthenticated', async () => {
    const before = await suite.sandbox.prisma.paymentIntent.count({ where: { account: suite.sandbox.account } });
    await suite.http.post('/v1/payment_intents', aCharge(), { secretKey: null, idempotencyKey: crypto.randomUUID() });
    expect(await suite.sandbox.prisma.paymentIntent.count({ where: { account: suite.sandbox.account } })).toBe(before);
    expect(await suite.sandbox.prisma.idempotencyKey.count({ where: { scope: suite.sandbox.account } })).toBe(0);
  });
});
