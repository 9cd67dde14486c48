import './trace-this-process';
import { Logger } from '@nestjs/common';
import { readSandboxConfig } from './config/sandbox-config';
import { createSandboxApp } from './create-sandbox-app';
import { listenSandbox } from './listen-sandbox';

async function bootstrap(): Promise<void> {
  const config = readSandboxConfig();
  const app = await createSandboxApp(config);
  app.enableShutdownHooks();
  await listenSandbox(app, config);
  new Logger('Bootstrap').log(`Payment sandbox (Stripe PaymentIntents subset) listening on http://${config.host}:${config.port}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
