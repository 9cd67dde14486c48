import { Logger } from '@nestjs/common';
import { DEVELOPMENT_JWT_SECRET_WARNING, readApiConfig } from './config/api-config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = readApiConfig();
  const app = await createApiApp(config);
  const logger = new Logger('Bootstrap');
  if (config.usesDevelopmentJwtSecret) logger.warn(DEVELOPMENT_JWT_SECRET_WARNING);
  await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
  logger.log(`Safe Checkout API listening on http://localhost:${config.port} (OpenAPI at /docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
