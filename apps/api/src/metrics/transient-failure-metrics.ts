import { TRANSIENT_DATABASE_FAILURES, TransientDatabaseFailure } from '@safe-checkout/db';
import { Counter, Registry } from 'prom-client';

const NAME = 'api_transient_failures_total';

/**
 * Prometheus counter of requests answered 503 "try again later" because the database was busy,
 * lost the connection or could not be reached, by {@link TransientDatabaseFailure} reason.
 */
export class TransientFailureMetrics {
  readonly failures: Counter<'reason'>;

  constructor(registry: Registry) {
    this.failures = new Counter({
      name: NAME,
      help: 'Requests answered 503 because of a transient database failure, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    // Every reason is exported from the start (at 0), so that rate() sees the first failure.
    for (const reason of TRANSIENT_DATABASE_FAILURES) this.failures.inc({ reason }, 0);
  }

  count(reason: TransientDatabaseFailure): void {
    this.failures.inc({ reason });
  }
}
