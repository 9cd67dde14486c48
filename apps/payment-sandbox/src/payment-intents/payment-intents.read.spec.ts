import { randomUUID } from 'node:crypto';
import { aCharge, sandboxHttp } from '../testing/sandbox-http';
import { startTestSandbox, TestSandbox } from '../testing/test-sandbox';

// payments.md §1, the rows for GET: retrieve, list (newest first, limit, starting_after), search.
describe('reading PaymentIntents', () => {
  let sandbox: TestSandbox;
  let http: ReturnType<typeof sandboxHttp>;
  let other: TestSandbox;
  beforeAll(async () => {
    [sandbox, other] = await Promise.all([startTestSandbox(), startTestSandbox()]);
    http = sandboxHttp(sandbox.url, sandbox.secretKey);
  });
  afterAll(() => Promise.all([sandbox.close(), other.close()]));

  async function charge(overrides: Parameters<typeof aCharge>[0] = {}) {
    const response = await http.post('/v1/payment_intents', aCharge(overrides));
    return response.status === 402 ? response.body.error.payment_intent : response.body;
  }

  describe('GET /v1/payment_intents/:id', () => {
    it('answers the PaymentIntent exactly as its creation did', async () => {
      const created = await charge();
      const response = await http.get(`/v1/payment_intents/${created.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(created);
    });

    it('answers 404 resource_missing for an unknown id', async () => {
      const response = await http.get('/v1/payment_intents/pi_doesnotexist');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
          message: "No such payment_intent: 'pi_doesnotexist'",
          param: 'intent',
        },
      });
    });

    it("answers 404 for another account's PaymentIntent", async () => {
      const theirs = await sandboxHttp(other.url, other.secretKey).post('/v1/payment_intents', aCharge());
      expect((await http.get(`/v1/payment_intents/${theirs.body.id}`)).status).toBe(404);
    });

    it('answers 400 parameter_unknown for query parameters', async () => {
      const created = await charge();
      const response = await http.get(`/v1/payment_intents/${created.id}?expand[]=customer`);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'parameter_unknown', param: 'expand[]' });
    });
  });

  describe('GET /v1/payment_intents', () => {
    let lister: TestSandbox;
    let listHttp: ReturnType<typeof sandboxHttp>;
    let createdNewestFirst: string[];
    beforeAll(async () => {
      // An account of its own, so that exactly these seven are listed.
      lister = await startTestSandbox();
      listHttp = sandboxHttp(lister.url, lister.secretKey);
      const ids: string[] = [];
      for (const paymentMethod of [
        'pm_card_visa',
        'pm_card_chargeDeclined',
        'pm_card_visa',
        'pm_card_mastercard',
        'pm_card_visa',
        'pm_card_visa',
        'pm_card_visa',
      ]) {
        const response = await listHttp.post('/v1/payment_intents', aCharge({ payment_method: paymentMethod }));
        ids.push(response.status === 402 ? response.body.error.payment_intent.id : response.body.id);
      }
      createdNewestFirst = ids.reverse();
    });
    afterAll(() => lister.close());

    it('answers a Stripe list object, newest first, declined ones included, 10 by default', async () => {
      const response = await listHttp.get('/v1/payment_intents');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ object: 'list', data: expect.any(Array), has_more: false, url: '/v1/payment_intents' });
      expect(response.body.data.map((intent: { id: string }) => intent.id)).toEqual(createdNewestFirst);
      expect(response.body.data[5]).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method' });
    });

    it('pages with limit and starting_after, has_more false on the last page', async () => {
      const pages: { ids: string[]; hasMore: boolean }[] = [];
      let startingAfter: string | undefined;
      do {
        const response = await listHttp.get(`/v1/payment_intents?limit=3${startingAfter ? `&starting_after=${startingAfter}` : ''}`);
        expect(response.status).toBe(200);
        const ids = response.body.data.map((intent: { id: string }) => intent.id);
        pages.push({ ids, hasMore: response.body.has_more });
        startingAfter = response.body.has_more ? ids[ids.length - 1] : undefined;
      } while (startingAfter);

      expect(pages).toEqual([
        { ids: createdNewestFirst.slice(0, 3), hasMore: true },
        { ids: createdNewestFirst.slice(3, 6), hasMore: true },
        { ids: createdNewestFirst.slice(6), hasMore: false },
      ]);
    });

    it('has has_more false when the page ends exactly at the last one', async () => {
      const response = await listHttp.get(`/v1/payment_intents?limit=2&starting_after=${createdNewestFirst[4]}`);
      expect(response.body.data.map((intent: { id: string }) => intent.id)).toEqual(createdNewestFirst.slice(5));
      expect(response.body.has_more).toBe(false);
    });

    it('keeps pages stable while new PaymentIntents arrive: they sort before the cursor', async () => {
      const first = await listHttp.get('/v1/payment_intents?limit=1');
      const newer = await listHttp.post('/v1/payment_intents', aCharge());
      const next = await listHttp.get(`/v1/payment_intents?limit=2&starting_after=${first.body.data[0].id}`);

      expect(next.body.data.map((intent: { id: string }) => intent.id)).not.toContain(newer.body.id);
      createdNewestFirst.unshift(newer.body.id);
    });

    it('accepts limit 1 and 100', async () => {
      expect((await listHttp.get('/v1/payment_intents?limit=1')).body.data).toHaveLength(1);
      expect((await listHttp.get('/v1/payment_intents?limit=100')).body.data).toHaveLength(createdNewestFirst.length);
    });

    it.each([
      ['limit=0', { code: 'parameter_invalid_integer', param: 'limit', message: 'This value must be greater than or equal to 1.' }],
      ['limit=101', { code: 'parameter_invalid_integer', param: 'limit', message: 'This value must be less than or equal to 100.' }],
      ['limit=ten', { code: 'parameter_invalid_integer', param: 'limit', message: 'Invalid integer: ten' }],
      ['starting_after=pi_unknown', { code: 'resource_missing', param: 'starting_after', message: "No such payment_intent: 'pi_unknown'" }],
      ['ending_before=pi_x', { code: 'parameter_unknown', param: 'ending_before' }],
    ])('answers 400 invalid_request_error for %s', async (query, expected) => {
      const response = await listHttp.get(`/v1/payment_intents?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ type: 'invalid_request_error', ...expected });
    });

    it("lists only the account's own PaymentIntents, and rejects another account's as a cursor", async () => {
      const mine = await charge();
      const response = await listHttp.get('/v1/payment_intents?limit=100');
      expect(response.body.data.map((intent: { id: string }) => intent.id)).not.toContain(mine.id);
      expect((await listHttp.get(`/v1/payment_intents?starting_after=${mine.id}`)).status).toBe(400);
    });
  });

  describe("GET /v1/payment_intents/search?query=metadata['order_id']:'<id>'", () => {
    const search = (query: string, client = http) => client.get(`/v1/payment_intents/search?query=${encodeURIComponent(query)}`);

    it('answers a Stripe search result with every PaymentIntent of that order, newest first', async () => {
      const orderId = randomUUID();
      const declined = await charge({ orderId, payment_method: 'pm_card_chargeDeclined' });
      const succeeded = await charge({ orderId });
      await charge();

      const response = await search(`metadata['order_id']:'${orderId}'`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        object: 'search_result',
        data: [succeeded, declined],
        has_more: false,
        next_page: null,
        url: '/v1/payment_intents/search',
      });
    });

    it('answers an empty result for an order without PaymentIntents, and for the order of another account', async () => {
      const orderId = randomUUID();
      await sandboxHttp(other.url, other.secretKey).post('/v1/payment_intents', aCharge({ orderId }));
      const response = await search(`metadata['order_id']:'${orderId}'`);
      expect(response.body).toMatchObject({ object: 'search_result', data: [], has_more: false });
    });

    it('pages with limit and next_page', async () => {
      const orderId = randomUUID();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await charge({ orderId })).id);
      const first = await http.get(`/v1/payment_intents/search?limit=2&query=${encodeURIComponent(`metadata['order_id']:'${orderId}'`)}`);
      const second = await http.get(
        `/v1/payment_intents/search?limit=2&page=${first.body.next_page}&query=${encodeURIComponent(`metadata['order_id']:'${orderId}'`)}`,
      );

      expect(first.body).toMatchObject({ has_more: true, next_page: expect.any(String) });
      expect(first.body.data.map((intent: { id: string }) => intent.id)).toEqual([ids[2], ids[1]]);
      expect(second.body).toMatchObject({ has_more: false, next_page: null });
      expect(second.body.data.map((intent: { id: string }) => intent.id)).toEqual([ids[0]]);
    });

    it.each([["metadata['user_id']:'user-1'"], ["metadata['order_id']:'1' AND status:'succeeded'"], ["status:'succeeded'"], ['']])(
      'answers 400 invalid_request_error for the query %j',
      async (query) => {
        const response = await search(query);
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({ type: 'invalid_request_error', param: 'query' });
      },
    );
  });
});
