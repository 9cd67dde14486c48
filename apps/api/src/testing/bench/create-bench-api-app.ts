import { INestApplication } from '@nestjs/common';
import { readApiConfig } from '../../config/api-config';
import { createApiApp } from '../../create-api-app';
import { BenchModule } from './bench.module';

/** The API as configured by `env`, plus the bench's routes (BenchModule); not yet listening. */
export function createBenchApiApp(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  return createApiApp(readApiConfig(env), [BenchModule]);
}
