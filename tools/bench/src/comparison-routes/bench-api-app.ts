import type { INestApplication } from '@nestjs/common';
import { createApiApp, readApiConfig } from '@safe-checkout/api/composition';
import { BenchModule } from './bench.module';

/**
 * The API as configured by `env`, with the bench's routes (BenchModule); not yet listening.
 * The per-user write limit is lifted unless `env` sets it: the bench measures one user's checkouts
 * at the machine's full capacity, which is what that limit exists to refuse (the limit's statement
 * still runs, so its cost is measured).
 */
export function createBenchApiApp(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  const config = readApiConfig({ WRITES_PER_USER: '1000000000', ...env });
  return createApiApp(config, BenchModule.forRoot(config));
}
