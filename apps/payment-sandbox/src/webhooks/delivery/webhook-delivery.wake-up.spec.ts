import { aCharge, sandboxHttp } from '../../testing/sandbox-http';
import { startTestSandbox, TestSandbox } from '../../testing/test-sandbox';
import { waitUntil } from '../../testing/wait-until';
import { startWebhookReceiver, WebhookReceiver } from '../../testing/webhook-receiver';
import { FAST_WEBHOOK_DELIVERY_ENV } from '../../testing/webhook-test-env';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';

/** The longest poll interval the sandbox accepts: no delivery below may come from a poll. */
const POLL_INTERVAL_MS = 60_000;

// payments.md §5: a charge's deliveries go out when its transaction commits (LISTEN/NOTIFY), not
// at the worker's next poll; a charge with no endpoint listening queues nothing and wakes no one.
describe('waking the delivery worker at the commit (a real sandbox, a real receiver on 127.0.0.1)', () => {
  let sandbox: TestSandbox;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [sandbox, receiver] = await Promise.all([
      startTestSandbox({ ...FAST_WEBHOOK_DELIVERY_ENV, PAYMENT_SANDBOX_WEBHOOK_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS) }),
      startWebhookReceiver(),
    ]);
    await waitUntil(async () => sandbox.app.get(WebhookDeliveryWorker).listening);
  });
  afterAll(() => Promise.all([sandbox.close(), receiver.close()]));

  const http = () => sandboxHttp(sandbox.url, sandbox.secretKey);
  const deliveries = () => sandbox.prisma.webhookDelivery.count({ where: { account: sandbox.account } });

  it('records the event of a charge with no endpoint, and queues no delivery', async () => {
    const charge = await http().post('/v1/payment_intents', aCharge());
    const events = await http().get('/v1/events');
    expect(events.body.data).toMatchObject([{ type: 'payment_intent.succeeded', data: { object: { id: charge.body.id } }, pending_webhooks: 0 }]);
    expect(await deliveries()).toBe(0);
  });

  it('delivers each charge long before the next poll, one after the other', async () => {
    await http().post('/v1/webhook_endpoints', { url: receiver.url, enabled_events: { 0: '*' } });
    for (const n of [1, 2, 3]) {
      const charge = await http().post('/v1/payment_intents', aCharge());
      const received = await receiver.waitFor(n, POLL_INTERVAL_MS / 3);
      expect(received[n - 1].event.data.object.id).toBe(charge.body.id);
    }
    expect(await deliveries()).toBe(3);
  });
});
