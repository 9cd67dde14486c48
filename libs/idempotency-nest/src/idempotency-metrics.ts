import { Counter, Registry, register as globalRegistry } from 'prom-client';

/** Every {@link IdempotencyOutcome}: each is exported from the start, at zero. */
export const IDEMPOTENCY_OUTCOMES = [
  'executed',
  'resumed',
  'failed',
  'replayed',
  'in_progress',
  'reused',
  'invalid',
  'missing',
  'store_unavailable',
  'lease_lost',
  'not_admitted',
] as const;

/** What happened to one request on an idempotent route (http-contract.md "Observability"). */
export type IdempotencyOutcome =
  /** The operation ran from the start and its answer is stored. */
  | 'executed'
  /** A claim continued an operation from a recovery point (a retry, or after a crash) and finished it. */
  | 'resumed'
  /** The operation failed (5xx, unknown outcome of a foreign call): key freed, or kept at its recovery point. */
  | 'failed'
  | 'replayed'
  | 'in_progress'
  | 'reused'
  | 'invalid'
  | 'missing'
  | 'store_unavailable'
  | 'lease_lost'
  /** A new key was claimed, then refused by `admitNewExecution` (e.g. a per-user limit); the claim was released. */
  | 'not_admitted';

/** Prometheus counters of idempotent requests by outcome and of purged keys. */
export class IdempotencyMetrics {
  readonly requests: Counter<'outcome'>;
  readonly purgedKeys: Counter;

  constructor(registry: Registry = globalRegistry) {
    // Reuse counters already registered: several app instances may share one process (tests).
    this.requests =
      existing(registry, 'idempotency_requests_total') ??
      new Counter({ name: 'idempotency_requests_total', help: 'Requests on idempotent routes, by outcome', labelNames: ['outcome'], registers: [registry] });
    this.purgedKeys =
      existing(registry, 'idempotency_keys_purged_total') ??
      new Counter({ name: 'idempotency_keys_purged_total', help: 'Expired idempotency keys deleted by the purge job', registers: [registry] });
    // A series that appears only at its first event breaks rate() and alerts on it; start at zero.
    for (const outcome of IDEMPOTENCY_OUTCOMES) this.requests.inc({ outcome }, 0);
  }

  count(outcome: IdempotencyOutcome): void {
    this.requests.inc({ outcome });
  }
}

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

// Keeps the list and the union in step: adding an outcome to one and not the other fails to compile.
const _everyOutcomeListed: Record<IdempotencyOutcome, true> = Object.fromEntries(IDEMPOTENCY_OUTCOMES.map((o) => [o, true])) as Record<
  (typeof IDEMPOTENCY_OUTCOMES)[number],
  true
>;
void _everyOutcomeListed;
