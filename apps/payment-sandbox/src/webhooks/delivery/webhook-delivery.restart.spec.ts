import { randomUUID } from 'node:crypto';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import Stripe from 'stripe';
import { aCharge } from '../../testing/sandbox-http';
import { SandboxProcess, startSandboxProcess } from '../../testing/sandbox-process';
import { waitUntil } from '../../testing/wait-until';
import { startWebhookReceiver, WebhookReceiver } from '../../testing/webhook-receiver';
import { FAST_WEBHOOK_DELIVERY_ENV } from '../../testing/webhook-test-env';

// payments.md §5, "a restart loses nothing": the built sandbox is stopped while its first attempt
// waits for the receiver's answer; the next process delivers the same event.
describe('a webhook delivery across a sandbox restart (dist/main.js)', () => {
  let sandbox: SandboxProcess;
  let receiver: WebhookReceiver;
  let prisma: PrismaClient;
  let secret: string;
  const stripe = new Stripe('sk_test_only_for_verifying_signatures');

  beforeAll(async () => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 1 });
    receiver = await startWebhookReceiver();
    const env = { ...FAST_WEBHOOK_DELIVERY_ENV, PAYMENT_SANDBOX_DATABASE_URL: testDatabaseUrl(), PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS: '1500' };
    sandbox = await startSandboxProcess(env, `sk_test_${randomUUID().replace(/-/g, '')}`);
    secret = (await sandbox.http.post('/v1/webhook_endpoints', { url: receiver.url, enabled_events: { 0: '*' } })).body.secret;
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop('SIGKILL');
    await Promise.all([receiver?.close(), prisma?.$disconnect()]);
  });
  beforeEach(() => receiver.received.splice(0));

  it.each([
    ['killed (SIGKILL) mid-delivery: the attempt is presumed lost when its lease ends', 'SIGKILL'],
    ['stopped (SIGTERM) mid-delivery: the attempt is given back at once', 'SIGTERM'],
  ] as const)(
    'delivers the event after the sandbox is %s',
    async (_case, signal) => {
      receiver.replyWith('hang');
      await sandbox.http.post('/v1/payment_intents', aCharge());
      const [interrupted] = await receiver.waitFor(1);
      await sandbox.stop(signal);
      const delivery = () => prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: interrupted.event.id } });
      expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1 });

      await sandbox.start();
      const [, redelivered] = await receiver.waitFor(2, 30_000);

      expect(stripe.webhooks.constructEvent(redelivered.body, redelivered.signature, secret).id).toBe(interrupted.event.id);
      await waitUntil(async () => (await delivery()).status === 'succeeded');
      expect(await delivery()).toMatchObject({ status: 'succeeded', attempts: 2, lastResponseStatus: 200 });
    },
    90_000,
  );
});
