import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { IdempotencyProblemFilter } from '@safe-checkout/idempotency-nest';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.useGlobalFilters(new IdempotencyProblemFilter());
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  console.log(JSON.stringify({ port }));
}

void main();
