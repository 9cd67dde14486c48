import './trace-this-process';
import { Logger } from '@nestjs/common';
import { providerFailureMiddleware } from './chaos/provider-failure.middleware';
import { describeWebhookChaos, readWebhookChaosSettings, webhookDeliveryChaos } from './chaos/webhook-delivery-chaos';
import { readSandboxConfig } from './config/sandbox-config';
import { createSandboxApp } from './create-sandbox-app';
import { listenSandbox } from './listen-sandbox';

// The sandbox in chaos mode: identical to main.ts plus the provider failure the chaos proxy asks
// for and the webhook delivery faults of PAYMENT_SANDBOX_WEBHOOK_CHAOS_* (drop, duplicate, delay,
// reorder). A separate entry point on purpose: nothing can turn faults on in a process from main.ts.
async function bootstrap(): Promise<void> {
  const config = readSandboxConfig();
  const chaos = readWebhookChaosSettings(process.env);
  const app = await createSandboxApp(config, { deliveryFaults: webhookDeliveryChaos(chaos) });
  app.use(providerFailureMiddleware);
  app.enableShutdownHooks();
  await listenSandbox(app, config);
  new Logger('Bootstrap').warn(
    `Payment sandbox in CHAOS MODE on http://${config.host}:${config.port}: injected provider failures are enabled; webhook delivery faults: ${describeWebhookChaos(chaos)}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
