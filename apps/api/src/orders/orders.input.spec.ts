import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

type Body = (productId: string) => string | Buffer;

const JSON_TYPE = { 'Content-Type': 'application/json' };
// superagent would JSON-encode a Buffer sent as application/json; its typings say serialize returns a string, but a Buffer is sent byte for byte.
const asIs = (raw: Buffer) => raw as unknown as string;
const nested = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

// Input that would otherwise reach the database unchecked. Each class must be a 4xx problem, never
// a 500, and nothing may be written: no order, no stock taken, no Idempotency-Key left behind (so
// the key can be used again).
describe('POST /orders with input the API must refuse before anything runs', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  async function scenario() {
    return { user: await createTestUser(api), product: await createTestProduct(api, 100) };
  }

  /** Sends the body byte for byte. */
  function post(token: string, key: string, body: string | Buffer, headers: Record<string, string>) {
    return api.http().post('/orders').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).set(headers).serialize(asIs).send(Buffer.from(body));
  }

  async function expectRefused(body: Body, status: number, slug: string, headers: Record<string, string> = JSON_TYPE) {
    const { user, product } = await scenario();
    const key = newIdempotencyKey();
    const response = await post(user.token, key, body(product.id), headers);
    expect({ status: response.status, type: response.body.type }).toEqual({ status, type: `/problems/${slug}` });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toEqual(expect.any(String));
    expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(0);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(100);
    expect(await api.prisma.idempotencyKey.count({ where: { scope: user.id } })).toBe(0);
    return response;
  }

  async function expectPlaced(body: Body, headers: Record<string, string> = JSON_TYPE) {
    const { user, product } = await scenario();
    const response = await post(user.token, newIdempotencyKey(), body(product.id), headers).expect(201);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(98);
    return { response, product, user };
  }

  const order = (productId: string) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${productId}","quantity":2}]}`;

  describe('numbers too large for a double (JSON.parse gives ±Infinity)', () => {
    it.each<[string, Body]>([
      ['quantity 1e400', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1e400}]}`],
      ['quantity -1e400', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":-1e400}]}`],
      ['quantity 2E+308', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":2E+308}]}`],
      [
        'a number deep in an array of an unknown member',
        (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1}],"note":{"x":[0,[1e999]]}}`,
      ],
      ['a number as an order line', () => '{"paymentMethod":"pm_card_visa","items":[1e400]}'],
    ])('answers 400 json-number-out-of-range to %s, writing nothing', async (_name, body) => {
      const response = await expectRefused(body, 400, 'json-number-out-of-range');
      expect(response.body.pointer).toEqual(expect.stringMatching(/^\/(items|note)\//));
    });

    it('names where the number is with a JSON pointer', async () => {
      const response = await expectRefused(
        (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1e400}]}`,
        400,
        'json-number-out-of-range',
      );
      expect(response.body.pointer).toBe('/items/0/quantity');
    });
  });

  describe('JSON nested thousands of levels deep', () => {
    it.each<[string, Body]>([
      ['items: [[[…]]] 5 000 deep', () => `{"paymentMethod":"pm_card_visa","items":${nested(5000, '')}}`],
      ['{"a":{"a":…}} 2 500 deep (as deep as the 16 KiB body limit allows)', () => nestedObjects(2500)],
      ['one level past the limit (33)', () => nestedObjects(33)],
      ['arrays inside an order line', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":${nested(40, '1')}}]}`],
    ])('answers 400 json-too-deep to %s, writing nothing', async (_name, body) => {
      await expectRefused(body, 400, 'json-too-deep');
    });
  });

  describe('Content-Encoding', () => {
    it.each(['gzip', 'x-gzip', 'deflate', 'br', 'GZIP'])(
      'answers 400 malformed-body to a body that claims %s but is not, writing nothing',
      async (encoding) => {
        await expectRefused(order, 400, 'malformed-body', { ...JSON_TYPE, 'Content-Encoding': encoding });
      },
    );

    it('answers 400 malformed-body to a truncated gzip body', async () => {
      const truncated = (p: string) => gzipSync(order(p)).subarray(0, 20);
      await expectRefused(truncated, 400, 'malformed-body', { ...JSON_TYPE, 'Content-Encoding': 'gzip' });
    });

    it.each(['zstd', 'compress', 'gzip, br', 'identity, gzip'])(
      'answers 415 unsupported-content-encoding to Content-Encoding: %s, naming what it accepts',
      async (encoding) => {
        const response = await expectRefused(order, 415, 'unsupported-content-encoding', { ...JSON_TYPE, 'Content-Encoding': encoding });
        expect(response.headers['accept-encoding']).toBe('gzip, deflate, br');
      },
    );

    it.each<[string, (text: string) => Buffer]>([
      ['gzip', (text) => gzipSync(text)],
      ['x-gzip', (text) => gzipSync(text)],
      ['deflate', (text) => deflateSync(text)],
      ['br', (text) => brotliCompressSync(text)],
      ['identity', (text) => Buffer.from(text)],
    ])('places the order from a body that really is %s', async (encoding, encode) => {
      await expectPlaced((p) => encode(order(p)), { ...JSON_TYPE, 'Content-Encoding': encoding });
    });
  });

  describe('NUL characters (PostgreSQL text cannot store them)', () => {
    it.each<[string, Body]>([
      ['in a product id', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}\\u0000","quantity":1}]}`],
      ['in a member name', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1,"x\\u0000":1}]}`],
      ['deep in an unknown member', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1}],"note":[{"a":["ok","\\u0000"]}]}`],
    ])('answers 400 json-nul-character %s, writing nothing', async (_name, body) => {
      await expectRefused(body, 400, 'json-nul-character');
    });
  });

  describe('media types', () => {
    it.each([
      ['text/plain'],
      ['application/x-www-form-urlencoded'],
      ['multipart/form-data; boundary=x'],
      ['application/json; charset=latin1'],
      ['application/json; charset=utf-16'],
      ['application/jsonx'],
      ['json'],
    ])('answers 415 unsupported-media-type to Content-Type: %s, writing nothing', async (contentType) => {
      await expectRefused(order, 415, 'unsupported-media-type', { 'Content-Type': contentType });
    });

    it('answers 415 unsupported-media-type to a body without Content-Type', async () => {
      await expectRefused(order, 415, 'unsupported-media-type', {});
    });

    it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"', 'application/vnd.safe-checkout+json'])(
      'places the order sent as %s',
      async (contentType) => {
        await expectPlaced(order, { 'Content-Type': contentType });
      },
    );
  });

  describe('UUID case (RFC 9562: case-insensitive on input)', () => {
    it('places the order for an upper-case productId and answers with the canonical lower-case id', async () => {
      const { response, product } = await expectPlaced((p) => order(p.toUpperCase()));
      expect(response.body.items).toEqual([{ productId: product.id, quantity: 2, unitPriceCents: 500 }]);
    });

    it('counts upper- and lower-case spellings of one product as the same product', async () => {
      const { response, product } = await expectPlaced(
        (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p.toUpperCase()}","quantity":1},{"productId":"${p}","quantity":1}]}`,
      );
      expect(response.body.items.map((i: { productId: string }) => i.productId)).toEqual([product.id, product.id]);
    });

    it('reads an order by its upper-case id exactly as by its lower-case id; a non-UUID id stays 404', async () => {
      const { response, user } = await expectPlaced(order);
      const auth = { Authorization: `Bearer ${user.token}` };
      const lower = await api.http().get(`/orders/${response.body.id}`).set(auth).expect(200);
      const upper = await api.http().get(`/orders/${response.body.id.toUpperCase()}`).set(auth).expect(200);
      expect(upper.text).toBe(lower.text);
      const missing = await api.http().get('/orders/not-a-uuid').set(auth).expect(404);
      expect(missing.body.type).toBe('/problems/not-found');
    });
  });

  describe('JSON of the wrong shape', () => {
    it.each<[string, Body]>([
      ['items as an object', () => '{"paymentMethod":"pm_card_visa","items":{}}'],
      ['items as a string', () => '{"paymentMethod":"pm_card_visa","items":"x"}'],
      ['items as null', () => '{"paymentMethod":"pm_card_visa","items":null}'],
      ['items as a number', () => '{"paymentMethod":"pm_card_visa","items":5}'],
      ['an order line that is an array', (p) => `{"paymentMethod":"pm_card_visa","items":[[{"productId":"${p}","quantity":1}]]}`],
      ['an order line that is null', () => '{"paymentMethod":"pm_card_visa","items":[null]}'],
      ['an order line that is a string', () => '{"paymentMethod":"pm_card_visa","items":["x"]}'],
      ['a productId that is not a string', () => '{"paymentMethod":"pm_card_visa","items":[{"productId":["x"],"quantity":1}]}'],
      ['a quantity that is a string', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":"2"}]}`],
    ])('answers 400 validation-failed to %s, writing nothing', async (_name, body) => {
      await expectRefused(body, 400, 'validation-failed');
    });

    it.each([['[]'], ['[{"items":[]}]'], ['"x"'], ['1'], ['null'], ['true']])('answers 400 json-body-not-object to the top-level value %s', async (text) => {
      await expectRefused(() => text, 400, 'json-body-not-object');
    });
  });

  describe('text that is not well-formed Unicode', () => {
    it.each<[string, Body]>([
      ['a lone high surrogate in a product id', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}\\ud800","quantity":1}]}`],
      ['a lone low surrogate in a member name', (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1,"\\udc00":1}]}`],
      [
        'a reversed pair deep in an unknown member',
        (p) => `{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1}],"n":[["\\udc00\\ud800"]]}`,
      ],
      [
        'bytes that are not UTF-8',
        (p) =>
          Buffer.concat([
            Buffer.from(`{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1}],"n":"`),
            Buffer.from([0xc3, 0x28]),
            Buffer.from('"}'),
          ]),
      ],
      [
        'an encoded surrogate (CESU-8)',
        (p) =>
          Buffer.concat([
            Buffer.from(`{"paymentMethod":"pm_card_visa","items":[{"productId":"${p}","quantity":1}],"n":"`),
            Buffer.from([0xed, 0xa0, 0x80]),
            Buffer.from('"}'),
          ]),
      ],
    ])('answers 400 ill-formed-unicode to %s, writing nothing', async (_name, body) => {
      await expectRefused(body, 400, 'ill-formed-unicode');
    });
  });

  it('keeps the key free after a refused request, so the same key then places the order once', async () => {
    const { user, product } = await scenario();
    const key = newIdempotencyKey();
    await post(user.token, key, `{"paymentMethod":"pm_card_visa","items":[{"productId":"${product.id}","quantity":1e400}]}`, JSON_TYPE).expect(400);
    await post(user.token, key, order(product.id), JSON_TYPE).expect(201);
    await post(user.token, key, order(product.id), JSON_TYPE).expect(201).expect('Idempotent-Replayed', 'true');
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(98);
  });
});
