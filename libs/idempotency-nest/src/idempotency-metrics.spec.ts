import { Registry, register as globalRegistry } from 'prom-client';
import { IDEMPOTENCY_OUTCOMES, IdempotencyMetrics } from './idempotency-metrics';
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

    it('exports a zero-valued series for every outcome before any request, so rate() and alerts see them from the start', async () => {
      const registry = new Registry();
      new IdempotencyMetrics(registry);

      const { values } = await registry.getSingleMetric('idempotency_requests_total')!.get();
      expect(Object.fromEntries(values.map(({ labels, value }) => [labels.outcome, value]))).toEqual(
        Object.fromEntries(IDEMPOTENCY_OUTCOMES.map((outcome) => [outcome, 0])),
      );
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
