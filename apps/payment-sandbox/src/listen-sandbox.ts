import { INestApplication, Logger } from '@nestjs/common';
import { exposedDevelopmentKeyWarning } from './config/listen-address';
import { SandboxConfig } from './config/sandbox-config';

/**
 * Starts `app` listening on the configured host and port, as main.ts and chaos-main.ts do, and
 * prints the warning of {@link exposedDevelopmentKeyWarning} when there is one: to stderr as a
 * banner, which no `LOG_LEVEL` hides, and to the log.
 *
 * @returns the warning printed, or `undefined`
 */
export async function listenSandbox(app: INestApplication, config: SandboxConfig): Promise<string | undefined> {
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as { port: number };
  const warning = exposedDevelopmentKeyWarning({ host: config.host, port, secretKey: config.secretKey });
  if (warning !== undefined) {
    const rule = '!'.repeat(100);
    process.stderr.write(`\n${rule}\n${warning}\n${rule}\n\n`);
    new Logger('Bootstrap').warn(warning);
  }
  return warning;
}
