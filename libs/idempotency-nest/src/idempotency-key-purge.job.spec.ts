import { ScheduleModule } from '@nestjs/schedule';
import { Test, TestingModule } from '@nestjs/testing';
import { InMemoryIdempotencyKeyStore } from '@safe-checkout/idempotency/testing';
import { Registry } from 'prom-client';
import { PURGE_INTERVAL_MS } from './idempotency-key-purge.job';
import { IdempotencyModule } from './idempotency.module';

describe('IdempotencyKeyPurgeJob', () => {
  let store: InMemoryIdempotencyKeyStore;
  let moduleRef: TestingModule;
  /** Ends the purge under way, which deleted `purged` keys. */
  let finishPurge: (purged: number) => void;
  beforeEach(async () => {
    jest.useFakeTimers();
    store = new InMemoryIdempotencyKeyStore();
    jest.spyOn(store, 'purgeExpired').mockImplementation(() => new Promise<number>((resolve) => (finishPurge = resolve)));
    moduleRef = await Test.createTestingModule({
      imports: [
        ScheduleModule.forRoot(),
        IdempotencyModule.forRootAsync({ useFactory: () => ({ store, scopeOf: () => undefined, metricsRegistry: new Registry() }) }),
      ],
    }).compile();
    await moduleRef.init();
  });
  afterEach(async () => {
    await moduleRef.close();
    jest.useRealTimers();
  });

  it('starts a purge every PURGE_INTERVAL_MS (a minute)', async () => {
    expect(PURGE_INTERVAL_MS).toBe(60_000);
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS - 1);
    expect(store.purgeExpired).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(store.purgeExpired).toHaveBeenCalledTimes(1);
  });

  it('starts none while its previous purge is still under way, and the next tick after it ends', async () => {
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    await jest.advanceTimersByTimeAsync(3 * PURGE_INTERVAL_MS);
    expect(store.purgeExpired).toHaveBeenCalledTimes(1);

    finishPurge(0);
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(store.purgeExpired).toHaveBeenCalledTimes(2);
  });

  it('starts the next purge at the next tick after one that failed', async () => {
    jest.mocked(store.purgeExpired).mockRejectedValueOnce(new Error('connection lost'));
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);

    expect(store.purgeExpired).toHaveBeenCalledTimes(2);
  });
});
