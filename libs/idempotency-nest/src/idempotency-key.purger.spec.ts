import { Test } from '@nestjs/testing';
import { IdempotencyRecord, IdempotencyStoreUnavailableError } from '@safe-checkout/idempotency';
import { InMemoryIdempotencyKeyStore } from '@safe-checkout/idempotency/testing';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { IdempotencyKeyPurger, PURGE_BATCH_SIZE, PURGE_TURN_MS } from './idempotency-key.purger';
import { MAX_PURGE_PAUSE_MS } from './idempotency-key.purger-pace';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS } from './idempotency-module-options';
import { IdempotencyModule } from './idempotency.module';
import { purgedKeysTotal } from './testing/idempotency-outcomes';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const DAY_MS = 86_400_000;

function recordExpiringAt(expiresAt: Date): IdempotencyRecord {
  return {
    scope: 'alice',
    key: randomUUID(),
    fingerprint: 'f'.repeat(64),
    state: 'completed',
    leaseToken: randomUUID(),
    leaseExpiresAt: new Date(expiresAt.getTime() - DAY_MS + 30_000),
    recoveryPoint: 'finished',
    recoveryState: null,
    response: { status: 201, headers: {}, body: '{}' },
    createdAt: new Date(expiresAt.getTime() - DAY_MS),
    expiresAt,
  };
}

describe('IdempotencyKeyPurger', () => {
  let store: InMemoryIdempotencyKeyStore;
  let registry: Registry;
  let purger: IdempotencyKeyPurger;
  /** A purger of another process on the same store. */
  let otherPurger: IdempotencyKeyPurger;
  beforeEach(async () => {
    store = new InMemoryIdempotencyKeyStore();
    registry = new Registry();
    const moduleRef = await Test.createTestingModule({
      imports: [IdempotencyModule.forRootAsync({ useFactory: () => ({ store, scopeOf: () => undefined, metricsRegistry: registry }) })],
    }).compile();
    purger = moduleRef.get(IdempotencyKeyPurger);
    otherPurger = new IdempotencyKeyPurger(moduleRef.get(IDEMPOTENCY_MODULE_OPTIONS), moduleRef.get(IdempotencyMetrics));
  });

  /** Makes every batch take `batchMs` of the (fake) clock; returns how many batches have started. */
  function batchesTaking(batchMs: number) {
    const purgeExpired = store.purgeExpired.bind(store);
    const spy = jest.spyOn(store, 'purgeExpired').mockImplementation(async (now, batchSize, turn) => {
      jest.advanceTimersByTime(batchMs);
      return purgeExpired(now, batchSize, turn);
    });
    return () => spy.mock.calls.length;
  }

  const seed = (expired: number, live: number) => {
    for (let i = 0; i < expired; i++) store.put(recordExpiringAt(new Date(NOW.getTime() - i * 1000)));
    for (let i = 1; i <= live; i++) store.put(recordExpiringAt(new Date(NOW.getTime() + i * 1000)));
  };

  describe('purgeExpiredKeys(now, batchSize)', () => {
    it('deletes every key expired at now, batch after batch, keeps the others, and resolves to how many it deleted', async () => {
      seed(7, 2);
      const purgeExpired = jest.spyOn(store, 'purgeExpired');

      await expect(purger.purgeExpiredKeys(NOW, 3)).resolves.toBe(7);
      expect(purgeExpired.mock.calls.map(([now, batchSize]) => [now, batchSize])).toEqual([
        [NOW, 3],
        [NOW, 3],
        [NOW, 3],
      ]);
      expect(store.all().every((record) => record.expiresAt > NOW)).toBe(true);
      expect(store.all()).toHaveLength(2);
    });

    it('asks once more after a full last batch, and stops at the empty one', async () => {
      seed(6, 0);
      const purgeExpired = jest.spyOn(store, 'purgeExpired');

      await expect(purger.purgeExpiredKeys(NOW, 3)).resolves.toBe(6);
      expect(purgeExpired).toHaveBeenCalledTimes(3);
    });

    it('counts the purged keys in idempotency_keys_purged_total, across runs', async () => {
      seed(4, 1);
      await purger.purgeExpiredKeys(NOW, 3);
      await purger.purgeExpiredKeys(NOW, 3);
      expect(await purgedKeysTotal(registry)).toBe(4);

      seed(2, 0);
      await purger.purgeExpiredKeys(NOW, 3);
      expect(await purgedKeysTotal(registry)).toBe(6);
    });

    it('rejects with IdempotencyStoreUnavailableError when the store is down, having deleted and counted nothing', async () => {
      seed(2, 0);
      store.simulateOutage();

      await expect(purger.purgeExpiredKeys(NOW, 3)).rejects.toBeInstanceOf(IdempotencyStoreUnavailableError);
      expect(store.all()).toHaveLength(2);
      expect(await purgedKeysTotal(registry)).toBe(0);
    });
  });

  describe('purgeExpiredKeys(now, batchSize), paced', () => {
    afterEach(() => jest.useRealTimers());

    it('pauses after each full batch as long as it took, so that the purge is busy half the time at most', async () => {
      jest.useFakeTimers();
      seed(7, 0);
      const batches = batchesTaking(200);

      const purged = purger.purgeExpiredKeys(NOW, 3);
      await jest.advanceTimersByTimeAsync(0);
      expect(batches()).toBe(1);
      await jest.advanceTimersByTimeAsync(199);
      expect(batches()).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(batches()).toBe(2);
      await jest.advanceTimersByTimeAsync(200);
      expect(batches()).toBe(3);
      await expect(purged).resolves.toBe(7);
    });

    it('returns at once after the last, short batch', async () => {
      jest.useFakeTimers();
      seed(2, 0);
      batchesTaking(200);

      await expect(purger.purgeExpiredKeys(NOW, 3)).resolves.toBe(2);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('pauses at most MAX_PURGE_PAUSE_MS after a slow batch, so that a backlog keeps draining', async () => {
      jest.useFakeTimers();
      seed(4, 0);
      const batches = batchesTaking(30_000);

      const purged = purger.purgeExpiredKeys(NOW, 3);
      await jest.advanceTimersByTimeAsync(MAX_PURGE_PAUSE_MS - 1);
      expect(batches()).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(batches()).toBe(2);
      await expect(purged).resolves.toBe(4);
    });
  });

  describe('purgeExpiredKeys(now, batchSize), beside another purger', () => {
    afterEach(() => jest.useRealTimers());

    it('ends its pass at once, deleting nothing, while another purger is between two full batches of its own', async () => {
      jest.useFakeTimers();
      seed(7, 0);
      batchesTaking(200);

      const first = purger.purgeExpiredKeys(NOW, 3);
      await jest.advanceTimersByTimeAsync(0);
      expect(store.all()).toHaveLength(4);
      await expect(otherPurger.purgeExpiredKeys(NOW, 3)).resolves.toBe(0);

      await jest.runAllTimersAsync();
      await expect(first).resolves.toBe(7);
      expect(await purgedKeysTotal(registry)).toBe(7);
    });

    it('takes the turn once the other pass has ended with its short batch', async () => {
      seed(2, 0);
      await expect(purger.purgeExpiredKeys(NOW, 3)).resolves.toBe(2);
      seed(4, 0);

      await expect(otherPurger.purgeExpiredKeys(NOW, 3)).resolves.toBe(4);
    });

    it(`takes the turn of a purger stopped after a full batch once PURGE_TURN_MS (${PURGE_TURN_MS} ms) have passed`, async () => {
      seed(3, 0);
      await store.purgeExpired(NOW, 3, { purgerId: 'stopped', turnMs: PURGE_TURN_MS });
      seed(2, 0);

      await expect(otherPurger.purgeExpiredKeys(new Date(NOW.getTime() + PURGE_TURN_MS - 1), 3)).resolves.toBe(0);
      await expect(otherPurger.purgeExpiredKeys(new Date(NOW.getTime() + PURGE_TURN_MS), 3)).resolves.toBe(2);
    });
  });

  describe('purgeExpiredKeys()', () => {
    it('purges what has expired by the current time, PURGE_BATCH_SIZE (500) keys per batch', async () => {
      const purgeExpired = jest.spyOn(store, 'purgeExpired');
      const before = Date.now();
      await purger.purgeExpiredKeys();

      expect(PURGE_BATCH_SIZE).toBe(500);
      const [now, batchSize] = purgeExpired.mock.calls[0];
      expect(batchSize).toBe(PURGE_BATCH_SIZE);
      expect(now.getTime()).toBeGreaterThanOrEqual(before);
      expect(now.getTime()).toBeLessThanOrEqual(Date.now());
    });

    it('reads the time anew for each batch, so that its turn lasts PURGE_TURN_MS past its latest batch', async () => {
      jest.useFakeTimers({ now: NOW });
      seed(6, 0);
      jest.setSystemTime(NOW.getTime() + 1);
      batchesTaking(200);
      const purgeExpired = jest.mocked(store.purgeExpired);

      const purged = purger.purgeExpiredKeys(undefined, 3);
      await jest.runAllTimersAsync();
      await expect(purged).resolves.toBe(6);
      const times = purgeExpired.mock.calls.map(([now]) => now.getTime());
      expect(times).toHaveLength(3);
      expect(new Set(times).size).toBe(3);
      jest.useRealTimers();
    });
  });
});
