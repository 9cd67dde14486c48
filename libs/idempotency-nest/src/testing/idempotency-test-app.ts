import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InMemoryIdempotencyKeyStore } from '@safe-checkout/idempotency/testing';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { IdempotencyModuleOptions } from '../idempotency-module-options';
import { IdempotencyModule } from '../idempotency.module';
import { fakeAuthMiddleware, scopeOfTestUser } from './fake-auth.middleware';
import { renderOutOfStock } from './out-of-stock.error';
import { ProblemJsonFilter } from './problem-json.filter';
import { ThingsController } from './things.controller';
import { ThingsService } from './things.service';

/** Options of the test application; `store` may be a subclass that records or misbehaves. */
export type IdempotencyTestAppOptions = Partial<Omit<IdempotencyModuleOptions, 'store'>> & {
  store?: InMemoryIdempotencyKeyStore;
};

/** A running test application, listening on loopback. */
export interface IdempotencyTestApp {
  /** `http://127.0.0.1:<port>`, for supertest. */
  readonly url: string;
  readonly app: INestApplication;
  readonly store: InMemoryIdempotencyKeyStore;
  /** A registry of its own, so counters start at zero in every application. */
  readonly registry: Registry;
  readonly things: ThingsService;
  close(): Promise<void>;
}

/**
 * Starts a Nest application with `IdempotencyModule`, the {@link ThingsController} routes, fake
 * authentication by `x-user` and a problem+json filter. Defaults: an in-memory store, keys scoped
 * by `x-user`, `OutOfStockError` as the one final answer.
 */
export async function startIdempotencyTestApp(options: IdempotencyTestAppOptions = {}): Promise<IdempotencyTestApp> {
  const store = options.store ?? new InMemoryIdempotencyKeyStore();
  const registry = new Registry();
  const moduleRef = await Test.createTestingModule({
    imports: [
      IdempotencyModule.forRootAsync({
        useFactory: () => ({ scopeOf: scopeOfTestUser, renderFinalAnswer: renderOutOfStock, metricsRegistry: registry, ...options, store }),
      }),
    ],
    controllers: [ThingsController],
    providers: [ThingsService],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.use(fakeAuthMiddleware);
  app.useGlobalFilters(new ProblemJsonFilter());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, store, registry, things: app.get(ThingsService), close: () => app.close() };
}
