import { Logger } from '@nestjs/common';
import { readApiConfig } from './config/api-config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = readApiConfig();
  const app = await createApiApp(config);
  await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
  new Logger('Bootstrap').log(`Safe Checkout API listening on http://localhost:${config.port} (OpenAPI at /docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
