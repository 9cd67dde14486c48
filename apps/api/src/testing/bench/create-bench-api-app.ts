import { INestApplication } from '@nestjs/common';
import { readApiConfig } from '../../config/api-config';
import { createApiApp } from '../../create-api-app';
import { BenchModule } from './bench.module';

/**
 * The API as configured by `env`, plus the bench's routes (BenchModule); not yet listening.
 * The per-user write limit is lifted unless `env` sets it: the bench measures one user's checkouts
 * at the machine's full capacity, which is what that limit exists to refuse (the limit's statement
 * still runs, so its cost is measured).
 */
export function createBenchApiApp(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  return createApiApp(readApiConfig({ WRITES_PER_USER: '1000000000', ...env }), [BenchModule]);
}
