import { Logger, Type } from '@nestjs/common';
import { ApiConfig, DEVELOPMENT_JWT_SECRET_WARNING, readApiConfig } from './config/api-config';
import { createApiApp } from './create-api-app';

/**
 * Reads the configuration, builds the API with `extraModules` and listens; shared by the entry
 * points (main.ts, chaos-main.ts) so both warn about the public development JWT secret.
 */
export async function startApi(extraModules: Type[] = []): Promise<{ config: ApiConfig; logger: Logger }> {
  const config = readApiConfig();
  const app = await createApiApp(config, extraModules);
  const logger = new Logger('Bootstrap');
  if (config.usesDevelopmentJwtSecret) logger.warn(DEVELOPMENT_JWT_SECRET_WARNING);
  await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
  return { config, logger };
}

/** Exits with the error printed when an entry point cannot start. */
export function exitOnStartFailure(error: unknown): never {
  console.error(error);
  process.exit(1);
}
