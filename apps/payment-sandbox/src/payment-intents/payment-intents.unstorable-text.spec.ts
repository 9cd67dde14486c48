import { connect } from 'node:net';
import { aCharge, sandboxHttp, toForm } from '../testing/sandbox-http';
import { startTestSandbox, TestSandbox } from '../testing/test-sandbox';

// A character PostgreSQL text cannot hold (U+0000; a lone surrogate) anywhere in a
// request is the client's 400 invalid_request_error naming the parameter, never a 500 api_error
// from the database (SQLSTATE 22P05). Lone surrogates cannot arrive over HTTP (every decoder on the
// way turns invalid UTF-8 into U+FFFD), so storable-text.spec.ts covers them.
describe('a request with a character PostgreSQL cannot store', () => {
  let sandbox: TestSandbox;
  let http: ReturnType<typeof sandboxHttp>;
  let existingId: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    http = sandboxHttp(sandbox.url, sandbox.secretKey);
    existingId = (await http.post('/v1/payment_intents', aCharge())).body.id;
  });
  afterAll(() => sandbox.close());

  const expectRefused = (response: Awaited<ReturnType<typeof http.get>>, param: string) => {
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { type: 'invalid_request_error', message: expect.stringContaining(param), param } });
  };
  const chargeForm = (metadata: Record<string, string> = {}) => {
    const charge = aCharge();
    return { ...charge, metadata: { ...charge.metadata, ...metadata } };
  };

  describe('POST /v1/payment_intents', () => {
    it.each([
      ['a form value', { ...chargeForm(), payment_method: 'pm_card_visa\u0000' }, 'payment_method'],
      ['an integer form value', { ...chargeForm(), amount: '12\u00004' }, 'amount'],
      ['a metadata value', chargeForm({ order_id: 'order\u00001' }), 'metadata[order_id]'],
      ['a metadata key', chargeForm({ 'order\u0000id': 'x' }), 'metadata'],
    ])('answers 400 naming the parameter for U+0000 in %s, and stores nothing', async (_where, form, param) => {
      const before = await sandbox.prisma.paymentIntent.count({ where: { account: sandbox.account } });
      expectRefused(await http.post('/v1/payment_intents', toForm(form), { idempotencyKey: crypto.randomUUID() }), param);
      expect(await sandbox.prisma.paymentIntent.count({ where: { account: sandbox.account } })).toBe(before);
    });

    it('answers 400 for U+0000 in a query parameter name', async () => {
      const response = await http.post('/v1/payment_intents?a%00=1', toForm(aCharge()));
      expectRefused(response, 'a\\u0000');
    });
  });

  it('answers 400 param intent for U+0000 in the path id of GET /v1/payment_intents/:id', async () => {
    expectRefused(await http.get(`/v1/payment_intents/${existingId}%00`), 'intent');
  });

  it.each([
    ['starting_after', () => `starting_after=${existingId}%00`],
    ['ending_before', () => `ending_before=${existingId}%00`],
    ['limit', () => 'limit=1%00'],
  ])('answers 400 naming %s in GET /v1/payment_intents', async (param, query) => {
    expectRefused(await http.get(`/v1/payment_intents?${query()}`), param);
  });

  it.each([
    ['query', () => `query=${encodeURIComponent("metadata['order_id']:'a\u0000'")}`],
    ['page', () => `query=${encodeURIComponent("metadata['order_id']:'a'")}&page=${existingId}%00`],
    ['limit', () => `query=${encodeURIComponent("metadata['order_id']:'a'")}&limit=%0010`],
  ])('answers 400 naming %s in GET /v1/payment_intents/search', async (param, query) => {
    expectRefused(await http.get(`/v1/payment_intents/search?${query()}`), param);
  });

  // fetch refuses to send such a header, so the request is written by hand.
  it('answers 400 param Idempotency-Key for U+0000 in that header, which Node refuses before the sandbox runs', async () => {
    const body = toForm(aCharge());
    const request = [
      'POST /v1/payment_intents HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${sandbox.secretKey}`,
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Idempotency-Key: order\u00001',
      '',
      body,
    ].join('\r\n');
    const answer = await rawExchange(new URL(sandbox.url), request);

    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { type: 'invalid_request_error', message: expect.stringContaining('Idempotency-Key'), param: 'Idempotency-Key' },
    });
  });
});

function rawExchange(url: URL, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(request, 'latin1'));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
