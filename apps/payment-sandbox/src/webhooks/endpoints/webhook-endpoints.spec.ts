import { sandboxHttp } from '../../testing/sandbox-http';
import { startTestSandbox, TestSandbox, useTestSandbox } from '../../testing/test-sandbox';
import { MAX_WEBHOOK_ENDPOINTS } from './webhook-endpoints.service';

const SUCCEEDED = 'payment_intent.succeeded';

// payments.md §5: POST, GET (list, one) and DELETE /v1/webhook_endpoints, Stripe's wire format.
describe('webhook endpoints', () => {
  const suite = useTestSandbox();
  const create = (url: string, enabledEvents: string[] = [SUCCEEDED]) =>
    suite.http.post(
      '/v1/webhook_endpoints',
      `url=${encodeURIComponent(url)}&${enabledEvents.map((type) => `enabled_events[]=${encodeURIComponent(type)}`).join('&')}`,
    );

  describe('POST /v1/webhook_endpoints', () => {
    it('registers the endpoint and shows its whsec_ secret once, in this answer only', async () => {
      const response = await create('https://shop.example/webhooks/payments', [SUCCEEDED, 'payment_intent.payment_failed']);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^we_[0-9A-Za-z]{24}$/),
        object: 'webhook_endpoint',
        api_version: null,
        created: expect.any(Number),
        description: null,
        enabled_events: [SUCCEEDED, 'payment_intent.payment_failed'],
        livemode: false,
        metadata: {},
        secret: expect.stringMatching(/^whsec_[0-9A-Za-z]{32}$/),
        status: 'enabled',
        url: 'https://shop.example/webhooks/payments',
      });
      const read = await suite.http.get(`/v1/webhook_endpoints/${response.body.id}`);
      const { secret, ...withoutSecret } = response.body;
      expect(secret).toBeDefined();
      expect(read.body).toEqual(withoutSecret);
    });

    it('takes enabled_events as Stripe clients send them, indexed, and reads "*" as every type', async () => {
      const response = await suite.http.post('/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/hooks', enabled_events: { 0: '*', 1: SUCCEEDED } });
      expect(response.status).toBe(200);
      expect(response.body.enabled_events).toEqual(['*']);
    });

    it.each([
      ['an ftp URL', 'ftp://shop.example/hooks', 'only http and https URLs are accepted.'],
      ['a URL with credentials', 'https://user:pass@shop.example/hooks', 'a URL must not carry a user name or password.'],
      ['a relative URL', '/webhooks/payments', 'not an absolute URL.'],
      ['a URL over 2048 characters', `https://shop.example/${'a'.repeat(2048)}`, 'longer than 2048 characters.'],
    ])('refuses %s with 400 url_invalid, storing nothing', async (_label, url, why) => {
      const before = await suite.sandbox.prisma.webhookEndpoint.count({ where: { account: suite.sandbox.account } });
      const response = await create(url);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code: 'url_invalid', param: 'url', message: `Invalid URL: ${why}` });
      expect(await suite.sandbox.prisma.webhookEndpoint.count({ where: { account: suite.sandbox.account } })).toBe(before);
    });

    it('refuses a missing or unknown event type, and unknown parameters', async () => {
      const missing = await suite.http.post('/v1/webhook_endpoints', { url: 'https://shop.example/hooks' });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'enabled_events' });
      const unknown = await create('https://shop.example/hooks', [SUCCEEDED, 'charge.refunded']);
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatchObject({ param: 'enabled_events[1]' });
      const extra = await suite.http.post('/v1/webhook_endpoints', 'url=https%3A%2F%2Fshop.example&enabled_events[]=*&connect=true');
      expect(extra.body.error).toMatchObject({ code: 'parameter_unknown', param: 'connect' });
    });
  });

  describe('DELETE /v1/webhook_endpoints/:id', () => {
    it('deletes the endpoint as Stripe answers it; then it is 404', async () => {
      const { body: endpoint } = await create('https://shop.example/hooks');
      const deleted = await suite.http.send('DELETE', `/v1/webhook_endpoints/${endpoint.id}`, undefined, {});
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({ id: endpoint.id, object: 'webhook_endpoint', deleted: true });
      expect((await suite.http.get(`/v1/webhook_endpoints/${endpoint.id}`)).body.error).toMatchObject({ code: 'resource_missing' });
      expect((await suite.http.send('DELETE', `/v1/webhook_endpoints/${endpoint.id}`, undefined, {})).status).toBe(404);
    });
  });

  describe('GET /v1/webhook_endpoints (a list of an account of its own)', () => {
    let lister: TestSandbox;
    let http: ReturnType<typeof sandboxHttp>;
    let newestFirst: string[];
    beforeAll(async () => {
      lister = await startTestSandbox();
      http = sandboxHttp(lister.url, lister.secretKey);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await http.post('/v1/webhook_endpoints', { url: `https://shop.example/${i}`, enabled_events: { 0: '*' } })).body.id);
      newestFirst = ids.reverse();
    });
    afterAll(() => lister.close());

    it('pages newest first with limit, starting_after and has_more, never showing secrets', async () => {
      const first = await http.get('/v1/webhook_endpoints?limit=2');
      expect(first.body).toMatchObject({ object: 'list', has_more: true, url: '/v1/webhook_endpoints' });
      expect(first.body.data.map((endpoint: { id: string }) => endpoint.id)).toEqual(newestFirst.slice(0, 2));
      const second = await http.get(`/v1/webhook_endpoints?limit=2&starting_after=${newestFirst[1]}`);
      expect(second.body.data.map((endpoint: { id: string }) => endpoint.id)).toEqual(newestFirst.slice(2, 4));
      const last = await http.get(`/v1/webhook_endpoints?limit=2&starting_after=${newestFirst[3]}`);
      expect(last.body).toMatchObject({ has_more: false, data: [{ id: newestFirst[4] }] });
      expect(first.text).not.toContain('whsec_');
    });

    it('bounds limit to 1–100, as Stripe, and refuses an unknown cursor', async () => {
      expect((await http.get('/v1/webhook_endpoints?limit=101')).body.error).toMatchObject({ code: 'parameter_invalid_integer', param: 'limit' });
      expect((await http.get('/v1/webhook_endpoints?limit=0')).status).toBe(400);
      expect((await http.get('/v1/webhook_endpoints?starting_after=we_unknown')).body.error).toMatchObject({
        code: 'resource_missing',
        param: 'starting_after',
      });
      expect((await http.get('/v1/webhook_endpoints')).body.data).toHaveLength(5);
    });

    it(`refuses a ${MAX_WEBHOOK_ENDPOINTS + 1}th endpoint, as Stripe limits an account to ${MAX_WEBHOOK_ENDPOINTS}`, async () => {
      const tries = Array.from({ length: MAX_WEBHOOK_ENDPOINTS }, (_, i) =>
        http.post('/v1/webhook_endpoints', { url: `https://shop.example/more/${i}`, enabled_events: { 0: '*' } }),
      );
      const statuses = (await Promise.all(tries)).map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(MAX_WEBHOOK_ENDPOINTS - 5);
      expect(statuses.filter((status) => status === 400)).toHaveLength(5);
      expect(await lister.prisma.webhookEndpoint.count({ where: { account: lister.account } })).toBe(MAX_WEBHOOK_ENDPOINTS);
    });
  });
});
