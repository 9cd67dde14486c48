import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fingerprintRequest } from '@safe-checkout/idempotency';
import type { Response } from 'supertest';
import { PROBLEM_REGISTRY } from '../problems/problem-registry';
import { OpenApiResponseValidator } from '../testing/openapi-response-validator';
import { createTestProduct, createTestUser, newIdempotencyKey, orderBody, startTestApi, TEST_CARDS, TestApi } from '../testing/test-api';
import { OPENAPI_DOCUMENT_PATH } from './openapi-document';

// Real answers of a real API (PostgreSQL, the payment sandbox) checked against the committed
// document: documented status, Content-Type, body schema (closed: no undocumented member) and headers.
describe('the API answers as apps/api/openapi.json documents', () => {
  const committed = JSON.parse(readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8'));
  const contract = new OpenApiResponseValidator(committed);
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  const documented = (operation: string, response: Response) => expect(contract.violations(operation, response)).toEqual([]);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const placeOrder = (token: string, key: string, body: object) => api.http().post('/orders').set(bearer(token)).set('Idempotency-Key', key).send(body);

  it('serves the committed document at /docs/json', async () => {
    expect((await api.http().get('/docs/json').expect(200)).body).toEqual(committed);
  });

  describe('POST /orders', () => {
    it('201 with Location, and its replay with Idempotent-Replayed', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 5);
      const key = newIdempotencyKey();
      const first = await placeOrder(user.token, key, orderBody([{ productId: product.id, quantity: 1 }])).expect(201);
      const replay = await placeOrder(user.token, key, orderBody([{ productId: product.id, quantity: 1 }]))
        .expect(201)
        .expect('Idempotent-Replayed', 'true');
      documented('POST /orders', first);
      documented('POST /orders', replay);
    });

    it('402 payment-declined with declineCode, replayed; 422 payment-method-invalid', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 5);
      const key = newIdempotencyKey();
      const body = orderBody([{ productId: product.id, quantity: 1 }], TEST_CARDS.insufficientFunds);
      const declined = await placeOrder(user.token, key, body).expect(402);
      expect(declined.body).toMatchObject({ type: '/problems/payment-declined', declineCode: 'insufficient_funds' });
      documented('POST /orders', declined);
      documented('POST /orders', await placeOrder(user.token, key, body).expect(402).expect('Idempotent-Replayed', 'true'));
      documented(
        'POST /orders',
        await placeOrder(user.token, newIdempotencyKey(), orderBody([{ productId: product.id, quantity: 1 }], 'pm_card_unknown')).expect(422),
      );
    });

    it('422 insufficient-stock, replayed, and 422 idempotency-key-reused', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 1);
      const key = newIdempotencyKey();
      const tooMany = orderBody([{ productId: product.id, quantity: 2 }]);
      const refused = await placeOrder(user.token, key, tooMany).expect(422);
      expect(refused.body).toMatchObject({ type: '/problems/insufficient-stock', productId: product.id, requested: 2, available: 1 });
      documented('POST /orders', refused);
      documented('POST /orders', await placeOrder(user.token, key, tooMany).expect(422).expect('Idempotent-Replayed', 'true'));
      const reused = await placeOrder(user.token, key, orderBody([{ productId: product.id, quantity: 1 }])).expect(422);
      expect(reused.body.type).toBe('/problems/idempotency-key-reused');
      documented('POST /orders', reused);
    });

    it('409 idempotency-request-in-progress with Retry-After while another request holds the key', async () => {
      const user = await createTestUser(api);
      const body = orderBody([{ productId: randomUUID(), quantity: 1 }]);
      const key = randomUUID();
      await api.prisma.idempotencyKey.create({
        data: {
          scope: user.id,
          key,
          state: 'running',
          leaseToken: randomUUID(),
          fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: {}, body }),
          leaseExpiresAt: new Date(Date.now() + 20_000),
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      documented('POST /orders', await placeOrder(user.token, key, body).expect(409).expect('Retry-After', /^\d+$/));
    });

    it('400 validation-failed with errors, malformed-json and idempotency-key-missing; 401; 413; 415', async () => {
      const user = await createTestUser(api);
      const invalid = await placeOrder(user.token, newIdempotencyKey(), { items: [], paymentMethod: 'pm_card_visa' }).expect(400);
      expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'items' })]);
      documented('POST /orders', invalid);
      documented(
        'POST /orders',
        await api.http().post('/orders').set(bearer(user.token)).set('Idempotency-Key', newIdempotencyKey()).type('json').send('{"items": [').expect(400),
      );
      const keyless = await api.http().post('/orders').set(bearer(user.token)).send(orderBody([])).expect(400);
      expect(keyless.body.type).toBe('/problems/idempotency-key-missing');
      documented('POST /orders', keyless);
      documented('POST /orders', await api.http().post('/orders').set('Idempotency-Key', newIdempotencyKey()).send(orderBody([])).expect(401));
      documented('POST /orders', await placeOrder(user.token, newIdempotencyKey(), { note: 'x'.repeat(101 * 1024) }).expect(413));
      documented('POST /orders', await api.http().post('/orders').set(bearer(user.token)).type('text/plain').send('items').expect(415));
      const encoded = await api.http().post('/orders').set(bearer(user.token)).set('Content-Encoding', 'zstd').type('json').send('{}').expect(415);
      expect(encoded.headers['accept-encoding']).toBeDefined();
      documented('POST /orders', encoded);
    });
  });

  describe('GET /orders, GET /orders/{id}', () => {
    it('200 lists and reads the caller’s orders, with the charge attempts and their waits; 404 for another’s; 401 without a token', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 5);
      const key = newIdempotencyKey();
      const body = orderBody([{ productId: product.id, quantity: 1 }]);
      // A first run that cannot reach the provider (nothing listens on port 9) retries with backoff
      // and answers 503; the same key then finishes at the sandbox: two runs, waits included.
      const providerDown = await startTestApi({ PAYMENT_PROVIDER_URL: 'http://127.0.0.1:9' });
      try {
        documented('POST /orders', await providerDown.http().post('/orders').set(bearer(user.token)).set('Idempotency-Key', key).send(body).expect(503));
      } finally {
        await providerDown.close();
      }
      const placed = await placeOrder(user.token, key, body).expect(201);
      documented('POST /orders', placed);
      const read = await api.http().get(`/orders/${placed.body.id}`).set(bearer(user.token)).expect(200);
      expect(read.body.chargeAttempts.runs.map((run: { result: string }) => run.result)).toEqual(['unknown', 'succeeded']);
      expect(read.body.chargeAttempts.runs[0].attempts[0].wait).toMatchObject({ basis: 'backoff', capMs: 200 });
      documented('GET /orders/{id}', read);
      documented('GET /orders', await api.http().get('/orders').set(bearer(user.token)).expect(200));
      const stranger = await createTestUser(api);
      documented('GET /orders/{id}', await api.http().get(`/orders/${placed.body.id}`).set(bearer(stranger.token)).expect(404));
      documented('GET /orders', await api.http().get('/orders').expect(401));
    });
  });

  describe('GET, PUT /users/{id}', () => {
    const profile = (email: string, name = 'Ada Lovelace') => ({
      name,
      email,
      shippingAddress: { line1: '1 Test Street', city: 'Testville', postalCode: '00000', country: 'GB' },
    });

    it('200 with ETag; 412 with the current ETag for a stale If-Match; 409 email-taken; 403 for another user; 400', async () => {
      const [user, other] = [await createTestUser(api), await createTestUser(api)];
      const read = await api.http().get(`/users/${user.id}`).set(bearer(user.token)).expect(200);
      documented('GET /users/{id}', read);
      const put = (body: object, ifMatch?: string) => {
        const request = api.http().put(`/users/${user.id}`).set(bearer(user.token));
        return (ifMatch ? request.set('If-Match', ifMatch) : request).send(body);
      };
      documented('PUT /users/{id}', await put(profile(user.email), read.headers.etag).expect(200));
      documented('PUT /users/{id}', await put(profile(user.email, 'Lost Update'), read.headers.etag).expect(412));
      documented('PUT /users/{id}', await put(profile(other.email)).expect(409));
      documented('PUT /users/{id}', await put({ ...profile(user.email), name: ' ' }).expect(400));
      documented('GET /users/{id}', await api.http().get(`/users/${other.id}`).set(bearer(user.token)).expect(403));
    });
  });

  describe('the public routes', () => {
    it('POST /auth/login 200 and 401 invalid-credentials; GET /auth/me 200', async () => {
      const user = await createTestUser(api, 'the-password');
      const login = await api.http().post('/auth/login').send({ email: user.email, password: 'the-password' }).expect(200);
      documented('POST /auth/login', login);
      documented('POST /auth/login', await api.http().post('/auth/login').send({ email: user.email, password: 'wrong' }).expect(401));
      documented('GET /auth/me', await api.http().get('/auth/me').set(bearer(login.body.accessToken)).expect(200));
    });

    it('GET /products, GET /health, GET /metrics: 200', async () => {
      documented('GET /products', await api.http().get('/products').expect(200));
      documented('GET /health', await api.http().get('/health').expect(200));
      documented('GET /metrics', await api.http().get('/metrics').expect(200));
    });

    it('GET /problems/{slug}: 200 text for every slug, 404 for another', async () => {
      for (const slug of Object.keys(PROBLEM_REGISTRY)) documented('GET /problems/{slug}', await api.http().get(`/problems/${slug}`).expect(200));
      documented('GET /problems/{slug}', await api.http().get('/problems/no-such-problem').expect(404));
    });

    it('GET /health: 503 service-unavailable with Retry-After when the database is unreachable', async () => {
      const down = await startTestApi({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/nowhere' });
      try {
        documented('GET /health', await down.http().get('/health').expect(503));
      } finally {
        await down.close();
      }
    });
  });

  // The routes of http-contract.md, by their tags; endpoints a template user adds (the
  // idempotent-endpoint generator) bring their own specs.
  it("exercised every operation of the contract's routes (a new one needs its case here)", () => {
    expect(contract.unexercised(['orders', 'users', 'auth', 'catalog', 'health', 'observability', 'problems'])).toEqual([]);
  });
});
