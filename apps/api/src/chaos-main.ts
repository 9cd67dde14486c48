import { Logger } from '@nestjs/common';
import { ChaosFaultModule } from './chaos/chaos-fault.module';
import { readApiConfig } from './config/api-config';
import { createApiApp } from './create-api-app';

// The API in chaos mode: identical to main.ts plus the fault hook the chaos proxy drives. It is a
// separate entry point on purpose: no environment variable or header can turn faults on in a
// process started from main.ts.
async function bootstrap(): Promise<void> {
  const config = readApiConfig();
  const app = await createApiApp(config, [ChaosFaultModule]);
  await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
  new Logger('Bootstrap').warn(`Safe Checkout API in CHAOS MODE on port ${config.port}: injected faults are enabled`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
