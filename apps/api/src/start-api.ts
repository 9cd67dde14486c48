import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { AppModule } from './app.module';
import { developmentSecretExposureWarning } from '@safe-checkout/listen-address';
import { ApiConfig, DEVELOPMENT_JWT_SECRET_WARNING, readApiConfig } from './config/api-config';
import { createApiApp } from './create-api-app';
import { publicSecretsInUse } from './security/public-secrets-in-use';

/**
 * Reads the configuration from `env` (default `process.env`), builds the API around the root
 * module `rootModuleOf` makes of it (default: AppModule) and listens on `HOST` (default 127.0.0.1)
 * and `PORT`; shared by the entry points (main.ts, chaos-main.ts) so both warn about the public
 * development secrets, louder when exposed.
 */
export async function startApi(
  rootModuleOf: (config: ApiConfig) => DynamicModule = (config) => AppModule.forRoot(config),
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ config: ApiConfig; logger: Logger; app: INestApplication }> {
  const config = readApiConfig(env);
  const app = await createApiApp(config, rootModuleOf(config));
  const logger = new Logger('Bootstrap');
  if (config.usesDevelopmentJwtSecret) logger.warn(DEVELOPMENT_JWT_SECRET_WARNING);
  const exposure = developmentSecretExposureWarning({ host: config.host, port: config.port, publicSecrets: publicSecretsInUse(config) });
  if (exposure) console.error(exposure);
  await app.listen(config.port, config.host);
  return { config, logger, app };
}

/** Exits with the error printed when an entry point cannot start. */
export function exitOnStartFailure(error: unknown): never {
  console.error(error);
  process.exit(1);
}
