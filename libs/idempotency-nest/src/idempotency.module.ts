import { DynamicModule, InjectionToken, Module, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyKeyPurgeJob } from './idempotency-key-purge.job';
import { IdempotencyKeyPurger } from './idempotency-key.purger';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS, IdempotencyModuleOptions, withIdempotencyDefaults } from './idempotency-module-options';
import { HeldDuplicates } from './held-duplicates';
import { HeldKeys } from './held-keys';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Async configuration of {@link IdempotencyModule}. */
export interface IdempotencyModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => IdempotencyModuleOptions | Promise<IdempotencyModuleOptions>;
}

/**
 * Idempotency keys for NestJS: registers the interceptor for every `@Idempotent()` route, the
 * outcome metrics, and the purge of expired keys once a minute (`IdempotencyKeyPurgeJob`, which runs
 * when the application imports `ScheduleModule.forRoot()`).
 */
@Module({})
export class IdempotencyModule {
  static forRootAsync(options: IdempotencyModuleAsyncOptions): DynamicModule {
    return {
      module: IdempotencyModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: IDEMPOTENCY_MODULE_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...deps: never[]) => withIdempotencyDefaults(await options.useFactory(...deps)),
        },
        {
          provide: IdempotencyMetrics,
          inject: [IDEMPOTENCY_MODULE_OPTIONS],
          useFactory: (moduleOptions: IdempotencyModuleOptions) => new IdempotencyMetrics(moduleOptions.metricsRegistry),
        },
        IdempotencyKeyPurger,
        IdempotencyKeyPurgeJob,
        HeldKeys,
        HeldDuplicates,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      // The options too: a `StalledOperationsWorker` resumes stalled operations with the same store and transactions.
      exports: [IDEMPOTENCY_MODULE_OPTIONS, IdempotencyMetrics, IdempotencyKeyPurger, IdempotencyKeyPurgeJob, HeldKeys, HeldDuplicates],
    };
  }
}
