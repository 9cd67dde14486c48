import Stripe from 'stripe';
import { aCharge, sandboxHttp, SandboxHttp } from '../testing/sandbox-http';
import { startTestSandbox, TestSandbox } from '../testing/test-sandbox';
import { waitUntil } from '../testing/wait-until';
import { startWebhookReceiver, WebhookReceiver } from '../testing/webhook-receiver';
import { FAST_WEBHOOK_DELIVERY_ENV } from '../testing/webhook-test-env';
import { readWebhookChaosSettings, WebhookChaosSettings, webhookDeliveryChaos } from './webhook-delivery-chaos';

const NO_CHAOS = readWebhookChaosSettings({});
const stripe = new Stripe('sk_test_only_for_verifying_signatures');

/** Uniform numbers from `values` in turn, then `rest` forever: a script of the faults. */
function scripted(values: number[], rest = 0.99): () => number {
  return () => values.shift() ?? rest;
}

describe('readWebhookChaosSettings(env)', () => {
  it('injects nothing by default', () => {
    expect(NO_CHAOS).toEqual({ dropRate: 0, duplicateRate: 0, duplicateCopies: 3, delayRate: 0, delayMs: 2000, reorderWindowMs: 0 });
    expect(webhookDeliveryChaos(NO_CHAOS, () => 0).forAttempt()).toEqual({ drop: false, copies: 1, delayMs: 0 });
  });

  it('reads PAYMENT_SANDBOX_WEBHOOK_CHAOS_* and names every bad one', () => {
    expect(
      readWebhookChaosSettings({ PAYMENT_SANDBOX_WEBHOOK_CHAOS_DUPLICATE_RATE: '0.2', PAYMENT_SANDBOX_WEBHOOK_CHAOS_REORDER_WINDOW_MS: '500' }),
    ).toMatchObject({
      duplicateRate: 0.2,
      reorderWindowMs: 500,
    });
    expect(() => readWebhookChaosSettings({ PAYMENT_SANDBOX_WEBHOOK_CHAOS_DROP_RATE: '2', PAYMENT_SANDBOX_WEBHOOK_CHAOS_DUPLICATE_COPIES: 'x' })).toThrow(
      'Invalid configuration:\n- PAYMENT_SANDBOX_WEBHOOK_CHAOS_DROP_RATE must be a number from 0 to 1 (got "2")\n- PAYMENT_SANDBOX_WEBHOOK_CHAOS_DUPLICATE_COPIES must be a number from 2 to 10 (got "x")',
    );
  });
});

// The chaos entry point's delivery faults, observed by a real receiver (payments.md §5).
describe('webhook delivery faults (chaos-main.ts)', () => {
  let sandbox: TestSandbox | undefined;
  let receiver: WebhookReceiver;
  let http: SandboxHttp;
  let secret: string;

  async function start(settings: Partial<WebhookChaosSettings>, random: () => number = Math.random, env: NodeJS.ProcessEnv = {}): Promise<void> {
    [sandbox, receiver] = await Promise.all([
      startTestSandbox({ ...FAST_WEBHOOK_DELIVERY_ENV, ...env }, undefined, { deliveryFaults: webhookDeliveryChaos({ ...NO_CHAOS, ...settings }, random) }),
      startWebhookReceiver(),
    ]);
    http = sandboxHttp(sandbox.url, sandbox.secretKey);
    secret = (await http.post('/v1/webhook_endpoints', { url: receiver.url, enabled_events: { 0: '*' } })).body.secret;
  }
  afterEach(() => Promise.all([sandbox?.close(), receiver?.close()]));

  it('duplicates an attempt ×3: three identical signed requests, one delivery', async () => {
    await start({ duplicateRate: 1, duplicateCopies: 3 });
    await http.post('/v1/payment_intents', aCharge());
    const copies = await receiver.waitFor(3);

    expect(new Set(copies.map((copy) => copy.event.id)).size).toBe(1);
    for (const copy of copies) expect(stripe.webhooks.constructEvent(copy.body, copy.signature, secret).id).toBe(copies[0].event.id);
    await waitUntil(async () => (await sandbox!.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: copies[0].event.id } })).status === 'succeeded');
    expect(await sandbox!.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: copies[0].event.id } })).toMatchObject({ attempts: 1 });
  });

  it('reorders: events created within the window reach the receiver newest first', async () => {
    // A window wide enough for three charges on a loaded machine: all three are held, then go newest first.
    await start({ reorderWindowMs: 3000 }, Math.random, { PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY: '1' });
    const created: string[] = [];
    for (let i = 0; i < 3; i++) created.push((await http.post('/v1/payment_intents', aCharge())).body.id);
    const deliveries = await receiver.waitFor(3);

    expect(deliveries.map((delivery) => delivery.event.data.object.id)).toEqual([...created].reverse());
  });

  it('drops an attempt: the receiver never sees it, and the schedule sends it again', async () => {
    await start({ dropRate: 0.5 }, scripted([0.1]));
    await http.post('/v1/payment_intents', aCharge());
    const [delivery] = await receiver.waitFor(1);

    await waitUntil(async () => (await sandbox!.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: delivery.event.id } })).status === 'succeeded');
    expect(await sandbox!.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: delivery.event.id } })).toMatchObject({ attempts: 2 });
    expect(receiver.received).toHaveLength(1);
  });

  it('delays an attempt: the event arrives at least the delay after the charge was answered', async () => {
    await start({ delayRate: 1, delayMs: 1500 });
    await http.post('/v1/payment_intents', aCharge());
    const answeredAt = Date.now();
    const [delivery] = await receiver.waitFor(1);

    expect(delivery.receivedAt - answeredAt).toBeGreaterThanOrEqual(1500);
  });
});
