import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InMemoryIdempotencyKeyStore } from '@safe-checkout/idempotency/testing';
import { Registry } from 'prom-client';
import { IdempotencyKeyPurger } from './idempotency-key.purger';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IdempotencyModule } from './idempotency.module';
import { idempotencyOutcomes } from './testing/idempotency-outcomes';

const STORE = Symbol('STORE');
const REGISTRY = Symbol('REGISTRY');

@Module({
  providers: [
    { provide: STORE, useValue: new InMemoryIdempotencyKeyStore() },
    { provide: REGISTRY, useValue: new Registry() },
  ],
  exports: [STORE, REGISTRY],
})
class StorageModule {}

@Injectable()
class FeatureService {
  constructor(
    readonly purger: IdempotencyKeyPurger,
    readonly metrics: IdempotencyMetrics,
  ) {}
}

// A feature module that does not import IdempotencyModule: its exports are global.
@Module({ providers: [FeatureService] })
class FeatureModule {}

describe('IdempotencyModule', () => {
  describe('forRootAsync({ imports, inject, useFactory })', () => {
    it('builds the options from injected providers and offers the purger and metrics to every module', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          IdempotencyModule.forRootAsync({
            imports: [StorageModule],
            inject: [STORE, REGISTRY],
            useFactory: (store: InMemoryIdempotencyKeyStore, registry: Registry) => ({ store, scopeOf: () => undefined, metricsRegistry: registry }),
          }),
          FeatureModule,
        ],
      }).compile();
      const feature = moduleRef.get(FeatureService);
      const store = moduleRef.get<InMemoryIdempotencyKeyStore>(STORE);
      const purgeExpired = jest.spyOn(store, 'purgeExpired');

      await feature.purger.purgeExpiredKeys(new Date(), 10);
      feature.metrics.count('executed');

      expect(purgeExpired).toHaveBeenCalledTimes(1);
      expect(await idempotencyOutcomes(moduleRef.get<Registry>(REGISTRY))).toEqual({ executed: 1 });
    });
  });
});
