import { PROBLEM_REGISTRY } from './problem-registry';
import { startTestApi, TestApi } from '../testing/test-api';

describe('errors as RFC 9457 problem+json', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it('answers an unknown route with 404 not-found', async () => {
    const response = await api.http().get('/no-such-route').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({ type: '/problems/not-found', title: 'Not found', status: 404, detail: expect.any(String) });
  });

  it('answers malformed JSON with 400 malformed-json, not a 500', async () => {
    const response = await api.http().post('/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(response.body).toMatchObject({ type: '/problems/malformed-json', status: 400 });
  });

  it('answers an oversized body with 413 payload-too-large', async () => {
    const response = await api
      .http()
      .post('/auth/login')
      .send({ email: 'a@b.c', password: 'x'.repeat(200_000) })
      .expect(413);
    expect(response.body.type).toBe('/problems/payload-too-large');
  });

  it('says on every problem whether the answer is final (Problem-Outcome), as its catalogue entry does', async () => {
    const notFound = await api.http().get('/no-such-route').expect(404);
    expect(notFound.headers['problem-outcome']).toBe('final');
    const unauthorized = await api.http().get('/orders').expect(401);
    expect(unauthorized.headers['problem-outcome']).toBe('not-run');
    expect(PROBLEM_REGISTRY['internal-error'].outcome).toBe('unfinished');
    expect(PROBLEM_REGISTRY['payment-provider-unavailable'].outcome).toBe('unfinished');
    expect(PROBLEM_REGISTRY['idempotency-request-in-progress'].outcome).toBe('in-progress');
    expect(PROBLEM_REGISTRY['idempotency-store-unavailable'].outcome).toBe('not-run');
    expect(PROBLEM_REGISTRY['payment-declined'].outcome).toBe('final');
  });

  it('serves a human explanation at every problem type it emits', async () => {
    const response = await api.http().get('/problems/insufficient-stock').expect(200);
    expect(response.text).toMatch(/Not enough stock \(HTTP 422, Problem-Outcome: final\)/);
    await api.http().get('/problems/idempotency-request-in-progress').expect(200);
    await api.http().get('/problems/no-such-problem').expect(404);
  });

  it('serves the OpenAPI document at /docs', async () => {
    await api.http().get('/docs').expect(200).expect('Content-Type', /html/);
    const document = await api.http().get('/docs/json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/orders', '/users/{id}', '/auth/login', '/products']));
  });

  it('tags every response with a request id, echoing a sane one from the caller', async () => {
    const response = await api.http().get('/products').set('X-Request-Id', 'trace-123').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-123');
  });
});
