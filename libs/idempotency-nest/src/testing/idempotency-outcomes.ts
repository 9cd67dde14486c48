import type { Registry } from 'prom-client';
import type { IdempotencyOutcome } from '../idempotency-metrics';

/** The `idempotency_requests_total` counter as `{ outcome: count }`, without the outcomes never counted. */
export async function idempotencyOutcomes(registry: Registry): Promise<Partial<Record<IdempotencyOutcome, number>>> {
  const counter = registry.getSingleMetric('idempotency_requests_total');
  if (counter === undefined) return {};
  const { values } = await counter.get();
  return Object.fromEntries(values.filter(({ value }) => value > 0).map(({ labels, value }) => [String(labels.outcome), value]));
}

/** The `idempotency_keys_purged_total` counter's value. */
export async function purgedKeysTotal(registry: Registry): Promise<number> {
  const counter = registry.getSingleMetric('idempotency_keys_purged_total');
  return counter === undefined ? 0 : ((await counter.get()).values[0]?.value ?? 0);
}
