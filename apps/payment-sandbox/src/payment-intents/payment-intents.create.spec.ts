import { randomUUID } from 'node:crypto';
import { aCharge } from '../testing/sandbox-http';
import { useTestSandbox } from '../testing/test-sandbox';

// payments.md §1, the rows for POST /v1/payment_intents, through real HTTP.
describe('POST /v1/payment_intents', () => {
  const suite = useTestSandbox();

  const storedFor = (orderId: string) =>
    suite.sandbox.prisma.paymentIntent.findMany({ where: { account: suite.sandbox.account, metadata: { path: ['order_id'], equals: orderId } } });

  describe('with a test payment method that succeeds', () => {
    it.each(['pm_card_visa', 'pm_card_mastercard'])('answers 200 with the succeeded PaymentIntent for %s, and stores it', async (paymentMethod) => {
      const orderId = randomUUID();
      const before = Math.floor(Date.now() / 1000);
      const response = await suite.http.post('/v1/payment_intents', aCharge({ amount: 2500, currency: 'usd', payment_method: paymentMethod, orderId }));

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.body).toEqual({
        id: expect.stringMatching(/^pi_[0-9A-Za-z]{24}$/),
        object: 'payment_intent',
        amount: 2500,
        amount_capturable: 0,
        amount_received: 2500,
        capture_method: 'automatic',
        confirmation_method: 'automatic',
        created: expect.any(Number),
        currency: 'usd',
        last_payment_error: null,
        livemode: false,
        metadata: { order_id: orderId, user_id: 'user-1' },
        payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
        payment_method_types: ['card'],
        status: 'succeeded',
      });
      expect(response.body.created).toBeGreaterThanOrEqual(before);
      expect(response.body.created).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
      expect(await storedFor(orderId)).toEqual([
        expect.objectContaining({ id: response.body.id, amount: 2500, currency: 'usd', status: 'succeeded', declineCode: null }),
      ]);
    });

    it('mints a new pm_ id on every use of a test token, as Stripe does', async () => {
      const [first, second] = await Promise.all([suite.http.post('/v1/payment_intents', aCharge()), suite.http.post('/v1/payment_intents', aCharge())]);
      expect(first.body.payment_method).not.toBe(second.body.payment_method);
      expect(first.body.id).not.toBe(second.body.id);
    });

    it('reads metadata[...] brackets, percent-encoding and form spaces, and ignores empty metadata values', async () => {
      const body =
        'amount=100&currency=eur&payment_method=pm_card_visa&confirm=true' +
        '&metadata%5Border_id%5D=ord%2F1+%C3%A4%26%3D%3F&metadata[user_id]=u+1&metadata[note]=';
      const response = await suite.http.post('/v1/payment_intents', body);

      expect(response.status).toBe(200);
      expect(response.body.metadata).toEqual({ order_id: 'ord/1 ä&=?', user_id: 'u 1' });
    });

    it('accepts a request without metadata, answering metadata {}', async () => {
      const response = await suite.http.post('/v1/payment_intents', 'amount=100&currency=eur&payment_method=pm_card_visa&confirm=true');
      expect(response.status).toBe(200);
      expect(response.body.metadata).toEqual({});
    });
  });

  describe('with a test payment method that is declined', () => {
    it.each([
      ['pm_card_chargeDeclined', 'generic_decline', 'Your card was declined.'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.'],
    ])('answers 402 card_error for %s (%s), embedding the stored PaymentIntent at requires_payment_method', async (paymentMethod, declineCode, message) => {
      const orderId = randomUUID();
      const response = await suite.http.post('/v1/payment_intents', aCharge({ payment_method: paymentMethod, orderId }));

      expect(response.status).toBe(402);
      const error = response.body.error;
      expect(error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: declineCode, message });
      expect(error.payment_method).toEqual({ id: expect.stringMatching(/^pm_/), object: 'payment_method', type: 'card' });
      expect(error.payment_intent).toMatchObject({
        id: expect.stringMatching(/^pi_/),
        object: 'payment_intent',
        amount: 1234,
        amount_received: 0,
        status: 'requires_payment_method',
        payment_method: null,
        metadata: { order_id: orderId, user_id: 'user-1' },
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: declineCode, message, payment_method: error.payment_method },
      });
      const retrieved = await suite.http.get(`/v1/payment_intents/${error.payment_intent.id}`);
      expect(retrieved.status).toBe(200);
      expect(retrieved.body).toEqual(error.payment_intent);
      expect(await storedFor(orderId)).toEqual([expect.objectContaining({ status: 'requires_payment_method', declineCode })]);
    });
  });

  describe('with a payment method the sandbox does not know', () => {
    it('answers 400 resource_missing for param payment_method and stores nothing', async () => {
      const orderId = randomUUID();
      const response = await suite.http.post('/v1/payment_intents', aCharge({ payment_method: 'pm_card_unknown', orderId }));

      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
          message: "No such PaymentMethod: 'pm_card_unknown'",
          param: 'payment_method',
        },
      });
      expect(await storedFor(orderId)).toEqual([]);
    });

    it('does not take Object.prototype members for payment methods', async () => {
      expect((await suite.http.post('/v1/payment_intents', aCharge({ payment_method: 'constructor' }))).body.error.code).toBe('resource_missing');
    });
  });

  describe('with invalid parameters', () => {
    const valid = 'amount=100&currency=eur&payment_method=pm_card_visa&confirm=true&metadata[order_id]=o';
    const replace = (name: string, value: string | undefined) =>
      valid
        .split('&')
        .filter((pair) => !pair.startsWith(`${name}=`))
        .concat(value === undefined ? [] : [`${name}=${value}`])
        .join('&');

    it.each([
      ['amount missing', replace('amount', undefined), { code: 'parameter_missing', param: 'amount', message: 'Missing required param: amount.' }],
      ['amount not a number', replace('amount', 'abc'), { code: 'parameter_invalid_integer', param: 'amount', message: 'Invalid integer: abc' }],
      ['amount with decimals', replace('amount', '10.5'), { code: 'parameter_invalid_integer', param: 'amount' }],
      ['amount in exponent form', replace('amount', '1e3'), { code: 'parameter_invalid_integer', param: 'amount' }],
      [
        'amount zero',
        replace('amount', '0'),
        { code: 'parameter_invalid_integer', param: 'amount', message: 'This value must be greater than or equal to 1.' },
      ],
      ['amount negative', replace('amount', '-5'), { code: 'parameter_invalid_integer', param: 'amount' }],
      ['amount beyond eight digits', replace('amount', '100000000'), { code: 'parameter_invalid_integer', param: 'amount' }],
      ['amount given twice', `${valid}&amount=200`, { param: 'amount' }],
      ['currency missing', replace('currency', undefined), { code: 'parameter_missing', param: 'currency' }],
      ['currency upper-case', replace('currency', 'EUR'), { param: 'currency', message: expect.stringContaining('use eur') }],
      ['currency not ISO 4217', replace('currency', 'abc'), { param: 'currency', message: expect.stringContaining('Invalid currency: abc') }],
      ['currency of four letters', replace('currency', 'euro'), { param: 'currency' }],
      ['payment_method missing', replace('payment_method', undefined), { code: 'parameter_missing', param: 'payment_method' }],
      [
        'confirm missing',
        replace('confirm', undefined),
        { code: 'parameter_missing', param: 'confirm', message: expect.stringContaining('only confirm=true') },
      ],
      ['confirm=false', replace('confirm', 'false'), { param: 'confirm', message: expect.stringContaining('only confirm=true') }],
      ['confirm not a boolean', replace('confirm', 'yes'), { param: 'confirm', message: expect.stringMatching(/Invalid boolean: yes.*only confirm=true/) }],
      [
        'an unknown parameter',
        `${valid}&description=hello`,
        { code: 'parameter_unknown', param: 'description', message: 'Received unknown parameter: description' },
      ],
      ['an unknown nested parameter', `${valid}&payment_method_options[card][cvc]=1`, { code: 'parameter_unknown', param: 'payment_method_options' }],
      ['metadata not an object', replace('metadata[order_id]', undefined) + '&metadata=plain', { param: 'metadata' }],
      ['a nested metadata value', `${valid}&metadata[a][b]=1`, { param: 'metadata' }],
      ['a metadata key over 40 characters', `${valid}&metadata[${'k'.repeat(41)}]=1`, { param: 'metadata' }],
      ['a metadata value over 500 characters', `${valid}&metadata[long]=${'v'.repeat(501)}`, { param: 'metadata' }],
      ['more than 50 metadata keys', valid + Array.from({ length: 50 }, (_, i) => `&metadata[k${i}]=v`).join(''), { param: 'metadata' }],
    ])('answers 400 invalid_request_error for %s, storing nothing', async (_case, body, expected) => {
      const before = await suite.sandbox.prisma.paymentIntent.count({ where: { account: suite.sandbox.account } });
      const response = await suite.http.post('/v1/payment_intents', body);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', ...expected });
      expect(await suite.sandbox.prisma.paymentIntent.count({ where: { account: suite.sandbox.account } })).toBe(before);
    });

    it('answers 400 parameter_unknown for parameters in the query string of a POST', async () => {
      const response = await suite.http.post('/v1/payment_intents?amount=100', valid);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_unknown', param: 'amount' });
    });

    it('answers 400 invalid_request_error for a JSON body: Stripe takes form bodies only', async () => {
      const response = await suite.http.post('/v1/payment_intents', JSON.stringify({ amount: 100 }), { contentType: 'application/json' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('application/x-www-form-urlencoded') });
    });

    it('answers 400 parameter_missing for an empty body', async () => {
      const response = await suite.http.post('/v1/payment_intents', '');
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    });
  });
});
