import Stripe from 'stripe';
import { aCharge, sandboxHttp, SandboxHttp } from '../../testing/sandbox-http';
import { startTestSandbox, TestSandbox } from '../../testing/test-sandbox';
import { startWebhookReceiver, WebhookReceiver } from '../../testing/webhook-receiver';
import { FAST_WEBHOOK_DELIVERY_ENV } from '../../testing/webhook-test-env';
import { waitUntil } from '../../testing/wait-until';

// payments.md §5: each event is POSTed to every endpoint that listens to its type, signed as
// Stripe signs, and retried with backoff until a 2xx or the bounded attempts run out.
describe('webhook deliveries (a real sandbox, a real receiver on 127.0.0.1)', () => {
  let sandbox: TestSandbox;
  let http: SandboxHttp;
  let receiver: WebhookReceiver;
  let secret: string;
  let endpointId: string;
  const stripe = new Stripe('sk_test_only_for_verifying_signatures');

  beforeAll(async () => {
    [sandbox, receiver] = await Promise.all([startTestSandbox(FAST_WEBHOOK_DELIVERY_ENV), startWebhookReceiver()]);
    http = sandboxHttp(sandbox.url, sandbox.secretKey);
    const endpoint = await http.post('/v1/webhook_endpoints', { url: receiver.url, enabled_events: { 0: '*' } });
    [secret, endpointId] = [endpoint.body.secret, endpoint.body.id];
  });
  afterAll(() => Promise.all([sandbox.close(), receiver.close()]));
  beforeEach(() => receiver.received.splice(0));

  const deliveryOf = (eventId: string) => sandbox.prisma.webhookDelivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId, endpointId } } });

  it("delivers payment_intent.succeeded, signed so that the official SDK's constructEvent accepts it", async () => {
    const charge = await http.post('/v1/payment_intents', aCharge(), { idempotencyKey: 'order-1-charge' });
    const [delivery] = await receiver.waitFor(1);

    const verified = stripe.webhooks.constructEvent(delivery.body, delivery.signature, secret);
    expect(verified).toMatchObject({
      id: expect.stringMatching(/^evt_[0-9A-Za-z]{24}$/),
      object: 'event',
      type: 'payment_intent.succeeded',
      livemode: false,
      data: { object: charge.body },
      request: { id: charge.headers.get('request-id'), idempotency_key: 'order-1-charge' },
    });
    expect(delivery.contentType).toBe('application/json; charset=utf-8');
    expect(() => stripe.webhooks.constructEvent(delivery.body, delivery.signature, 'whsec_another')).toThrow(/signature/i);
    expect(() => stripe.webhooks.constructEvent(delivery.body.replace('"succeeded"', '"canceled"'), delivery.signature, secret)).toThrow(/signature/i);
  });

  it('delivers payment_intent.payment_failed with the declined PaymentIntent, readable again at GET /v1/events/:id', async () => {
    const decline = await http.post('/v1/payment_intents', aCharge({ payment_method: 'pm_card_chargeDeclined' }));
    const [delivery] = await receiver.waitFor(1);
    const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, secret);
    expect(event.type).toBe('payment_intent.payment_failed');
    expect(event.data.object).toEqual(decline.body.error.payment_intent);

    await waitUntil(async () => (await deliveryOf(event.id)).status === 'succeeded');
    const read = await http.get(`/v1/events/${event.id}`);
    expect(read.body).toEqual({ ...delivery.event, pending_webhooks: 0 });
  });

  it('retries after a 500 and a 503, then records the success', async () => {
    receiver.replyWith(500, 503);
    await http.post('/v1/payment_intents', aCharge());
    const deliveries = await receiver.waitFor(3);

    expect(new Set(deliveries.map((delivery) => delivery.event.id)).size).toBe(1);
    for (const delivery of deliveries) expect(stripe.webhooks.constructEvent(delivery.body, delivery.signature, secret).id).toBe(deliveries[0].event.id);
    await waitUntil(async () => (await deliveryOf(deliveries[0].event.id)).status === 'succeeded');
    expect(await deliveryOf(deliveries[0].event.id)).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      lastResponseStatus: 200,
      deliveredAt: expect.any(Date),
    });
    expect((await http.get(`/v1/events/${deliveries[0].event.id}`)).body.pending_webhooks).toBe(0);
  });

  it('gives up after the bounded attempts, marks the delivery failed, and keeps the event pending', async () => {
    receiver.replyWith(500, 500, 500);
    await http.post('/v1/payment_intents', aCharge());
    const deliveries = await receiver.waitFor(3);
    const eventId = deliveries[0].event.id;

    await waitUntil(async () => (await deliveryOf(eventId)).status === 'failed');
    const failed = await http.get(`/v1/webhook_endpoints/${endpointId}/deliveries?status=failed`);
    expect(failed.body).toMatchObject({ object: 'list', has_more: false, url: `/v1/webhook_endpoints/${endpointId}/deliveries` });
    expect(failed.body.data).toEqual([
      {
        id: expect.any(String),
        object: 'webhook_delivery',
        event: eventId,
        status: 'failed',
        attempts: 3,
        next_attempt: null,
        last_attempt: expect.any(Number),
        last_response_status: 500,
        last_error: 'HTTP 500',
        delivered: null,
        created: expect.any(Number),
      },
    ]);
    expect((await http.get(`/v1/events/${eventId}`)).body.pending_webhooks).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received).toHaveLength(3);
  });

  it("lists an endpoint's deliveries newest first, with limit, starting_after and has_more", async () => {
    const olderCharge = await http.post('/v1/payment_intents', aCharge());
    await http.post('/v1/payment_intents', aCharge());
    // Both are delivered, in whichever order the attempts finished.
    const delivered = await receiver.waitFor(2);
    const older = delivered.find((delivery) => delivery.event.data.object.id === olderCharge.body.id)!;
    const newer = delivered.find((delivery) => delivery !== older)!;

    const first = await http.get(`/v1/webhook_endpoints/${endpointId}/deliveries?limit=1`);
    expect(first.body).toMatchObject({ has_more: true, data: [{ event: newer.event.id }] });
    const second = await http.get(`/v1/webhook_endpoints/${endpointId}/deliveries?limit=1&starting_after=${first.body.data[0].id}`);
    expect(second.body.data).toMatchObject([{ event: older.event.id }]);
    expect((await http.get(`/v1/webhook_endpoints/${endpointId}/deliveries?starting_after=not-a-delivery`)).body.error).toMatchObject({
      code: 'resource_missing',
      param: 'starting_after',
    });
  });

  it('counts an attempt that gets no answer in time as failed, and retries it', async () => {
    receiver.replyWith('hang');
    await http.post('/v1/payment_intents', aCharge());
    const [held, retried] = await receiver.waitFor(2);
    expect(retried.event.id).toBe(held.event.id);
    await waitUntil(async () => (await deliveryOf(held.event.id)).status === 'succeeded');
  });
});

describe('which endpoints get an event', () => {
  it('only those whose enabled_events include its type, or "*"; none after deletion', async () => {
    const [sandbox, all, succeededOnly, failedOnly, deleted] = await Promise.all([
      startTestSandbox(FAST_WEBHOOK_DELIVERY_ENV),
      startWebhookReceiver(),
      startWebhookReceiver(),
      startWebhookReceiver(),
      startWebhookReceiver(),
    ]);
    try {
      const http = sandboxHttp(sandbox.url, sandbox.secretKey);
      const register = (receiver: WebhookReceiver, type: string) => http.post('/v1/webhook_endpoints', { url: receiver.url, enabled_events: { 0: type } });
      await register(all, '*');
      await register(succeededOnly, 'payment_intent.succeeded');
      await register(failedOnly, 'payment_intent.payment_failed');
      const gone = await register(deleted, '*');
      await http.send('DELETE', `/v1/webhook_endpoints/${gone.body.id}`, undefined, {});

      await http.post('/v1/payment_intents', aCharge({ payment_method: 'pm_card_chargeDeclined' }));
      await http.post('/v1/payment_intents', aCharge());
      await Promise.all([all.waitFor(2), succeededOnly.waitFor(1), failedOnly.waitFor(1)]);
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(all.received.map((delivery) => delivery.event.type).sort()).toEqual(['payment_intent.payment_failed', 'payment_intent.succeeded']);
      expect(succeededOnly.received.map((delivery) => delivery.event.type)).toEqual(['payment_intent.succeeded']);
      expect(failedOnly.received.map((delivery) => delivery.event.type)).toEqual(['payment_intent.payment_failed']);
      expect(deleted.received).toEqual([]);
    } finally {
      await Promise.all([sandbox.close(), all.close(), succeededOnly.close(), failedOnly.close(), deleted.close()]);
    }
  });
});

describe('bounded concurrency', () => {
  it('keeps at most PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY attempts in flight', async () => {
    const env = { ...FAST_WEBHOOK_DELIVERY_ENV, PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY: '2', PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS: '60000' };
    const [sandbox, receiver] = await Promise.all([startTestSandbox(env), startWebhookReceiver()]);
    try {
      const http = sandboxHttp(sandbox.url, sandbox.secretKey);
      await http.post('/v1/webhook_endpoints', { url: receiver.url, enabled_events: { 0: '*' } });
      receiver.replyWith('hang', 'hang', 'hang', 'hang');
      for (let i = 0; i < 4; i++) await http.post('/v1/payment_intents', aCharge());
      await receiver.waitFor(2);

      // Four deliveries are due; with both slots held by unanswered attempts, no third may start.
      await waitUntil(async () => (await sandbox.prisma.webhookDelivery.count({ where: { account: sandbox.account, attempts: 0 } })) === 2);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(receiver.received).toHaveLength(2);
    } finally {
      await Promise.all([sandbox.close(), receiver.close()]);
    }
  });
});
