import { randomUUID } from 'node:crypto';
import { aCharge } from '../../testing/sandbox-http';
import { useTestSandbox } from '../../testing/test-sandbox';

// payments.md §5: a confirmed PaymentIntent records its event; GET /v1/events and /v1/events/:id.
describe('events', () => {
  const suite = useTestSandbox();
  const ids = (body: { data: { id: string }[] }) => body.data.map((event) => event.id);

  it('records payment_intent.succeeded with the PaymentIntent, the request id and the idempotency key', async () => {
    const key = randomUUID();
    const charge = await suite.http.post('/v1/payment_intents', aCharge(), { idempotencyKey: key });
    const [event] = (await suite.http.get('/v1/events?limit=1')).body.data;

    expect(event).toEqual({
      id: expect.stringMatching(/^evt_[0-9A-Za-z]{24}$/),
      object: 'event',
      api_version: null,
      created: charge.body.created,
      data: { object: charge.body },
      livemode: false,
      pending_webhooks: 0,
      request: { id: charge.headers.get('request-id'), idempotency_key: key },
      type: 'payment_intent.succeeded',
    });
    expect((await suite.http.get(`/v1/events/${event.id}`)).body).toEqual(event);
  });

  it('records one event per PaymentIntent: an idempotent replay records none', async () => {
    const key = randomUUID();
    const charge = aCharge({ payment_method: 'pm_card_chargeDeclined' });
    const first = await suite.http.post('/v1/payment_intents', charge, { idempotencyKey: key });
    const replay = await suite.http.post('/v1/payment_intents', charge, { idempotencyKey: key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const intentId = first.body.error.payment_intent.id;
    const events = await suite.sandbox.prisma.event.findMany({ where: { account: suite.sandbox.account } });
    const ofIntent = events.filter((event) => (event.dataObject as { id: string }).id === intentId);
    expect(ofIntent.map((event) => event.type)).toEqual(['payment_intent.payment_failed']);
  });

  it('records nothing for a refused request', async () => {
    const before = await suite.sandbox.prisma.event.count({ where: { account: suite.sandbox.account } });
    expect((await suite.http.post('/v1/payment_intents', aCharge({ payment_method: 'pm_card_unknown' }))).status).toBe(400);
    expect(await suite.sandbox.prisma.event.count({ where: { account: suite.sandbox.account } })).toBe(before);
  });

  it('lists newest first, by type, with limit, starting_after and has_more', async () => {
    for (const paymentMethod of ['pm_card_visa', 'pm_card_chargeDeclined', 'pm_card_visa'])
      await suite.http.post('/v1/payment_intents', aCharge({ payment_method: paymentMethod }));
    const all = await suite.http.get('/v1/events?limit=100');
    expect(all.body).toMatchObject({ object: 'list', has_more: false, url: '/v1/events' });
    const newestFirst = ids(all.body);

    const page = await suite.http.get(`/v1/events?limit=2&starting_after=${newestFirst[0]}`);
    expect(page.body).toMatchObject({ has_more: true });
    expect(ids(page.body)).toEqual(newestFirst.slice(1, 3));
    const failed = await suite.http.get('/v1/events?type=payment_intent.payment_failed&limit=100');
    expect(failed.body.data.length).toBeGreaterThan(0);
    expect(failed.body.data.every((event: { type: string }) => event.type === 'payment_intent.payment_failed')).toBe(true);
  });

  it('answers 404 for an unknown event, 400 for bad list parameters', async () => {
    expect((await suite.http.get('/v1/events/evt_unknown')).body.error).toMatchObject({ code: 'resource_missing' });
    expect((await suite.http.get('/v1/events/evt_unknown')).status).toBe(404);
    expect((await suite.http.get('/v1/events?limit=101')).body.error).toMatchObject({ param: 'limit' });
    expect((await suite.http.get('/v1/events?type=charge.refunded')).body.error).toMatchObject({ param: 'type' });
    expect((await suite.http.get('/v1/events?delivery_success=false')).body.error).toMatchObject({ code: 'parameter_unknown' });
  });
});
