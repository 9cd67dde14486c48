import { Registry, register as globalRegistry } from 'prom-client';
import { IdempotencyMetrics } from './idempotency-metrics';
import { idempotencyOutcomes, purgedKeysTotal } from './testing/idempotency-outcomes';

describe('IdempotencyMetrics', () => {
  describe('new IdempotencyMetrics(registry)', () => {
    it('registers idempotency_requests_total by outcome and idempotency_keys_purged_total in that registry', async () => {
      const registry = new Registry();
      const metrics = new IdempotencyMetrics(registry);
      metrics.count('executed');
      metrics.count('replayed');
      metrics.count('replayed');
      metrics.purgedKeys.inc(3);

      expect(await idempotencyOutcomes(registry)).toEqual({ executed: 1, replayed: 2 });
      expect(await purgedKeysTotal(registry)).toBe(3);
      expect(await registry.metrics()).toContain('# TYPE idempotency_requests_total counter');
    });

    it('reuses the counters already in the registry, so instances sharing it count together', async () => {
      const registry = new Registry();
      const [first, second] = [new IdempotencyMetrics(registry), new IdempotencyMetrics(registry)];
      first.count('missing');
      second.count('missing');

      expect(second.requests).toBe(first.requests);
      expect(await idempotencyOutcomes(registry)).toEqual({ missing: 2 });
    });
  });

  describe('new IdempotencyMetrics()', () => {
    afterEach(() => globalRegistry.clear());

    it("registers in prom-client's global registry", async () => {
      new IdempotencyMetrics().count('invalid');

      expect(await idempotencyOutcomes(globalRegistry)).toEqual({ invalid: 1 });
    });
  });
});
