import { INestApplication, Logger } from '@nestjs/common';
import { developmentSecretExposureWarning } from '@safe-checkout/listen-address';
import { publicSecretsInUse } from './config/public-secrets-in-use';
import { SandboxConfig } from './config/sandbox-config';

/**
 * Starts `app` listening on the configured host and port, as main.ts and chaos-main.ts do, and
 * prints the banner of `developmentSecretExposureWarning` (@safe-checkout/listen-address) when
 * there is one: to stderr, which no `LOG_LEVEL` hides, and to the log.
 *
 * @returns the warning printed, or `undefined`
 */
export async function listenSandbox(app: INestApplication, config: SandboxConfig): Promise<string | undefined> {
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as { port: number };
  const warning = developmentSecretExposureWarning({ host: config.host, port, publicSecrets: publicSecretsInUse(config) });
  if (warning !== undefined) {
    process.stderr.write(`\n${warning}\n\n`);
    new Logger('Bootstrap').warn(warning);
  }
  return warning;
}
