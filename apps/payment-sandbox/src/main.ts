import { Logger } from '@nestjs/common';
import { readSandboxConfig } from './config/sandbox-config';
import { createSandboxApp } from './create-sandbox-app';

async function bootstrap(): Promise<void> {
  const config = readSandboxConfig();
  const app = await createSandboxApp(config);
  app.enableShutdownHooks();
  await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
  new Logger('Bootstrap').log(`Payment sandbox (Stripe PaymentIntents subset) listening on http://localhost:${config.port}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
