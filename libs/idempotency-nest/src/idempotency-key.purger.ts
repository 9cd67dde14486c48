import { Inject, Injectable } from '@nestjs/common';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS, ResolvedIdempotencyModuleOptions } from './idempotency-module-options';
import { purgePauseMs } from './idempotency-key.purger-pace';

/** Rows deleted per statement: small enough that a purge never holds many row locks at once. */
export const PURGE_BATCH_SIZE = 500;

/** Deletes keys past their retention period, in batches. The application decides when to run it. */
@Injectable()
export class IdempotencyKeyPurger {
  constructor(
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly options: ResolvedIdempotencyModuleOptions,
    private readonly metrics: IdempotencyMetrics,
  ) {}

  /**
   * Purges every key expired at `now`; resolves to how many were deleted. After each full batch
   * it pauses as long as the batch took, at most a second (`purgePauseMs`): deleted back to back,
   * a backlog of expired keys keeps one database backend busy for as long as it lasts, beside the
   * checkouts, and raises their p99 (docs/benchmarks.md, "Cost as the key table grows").
   */
  async purgeExpiredKeys(now: Date = new Date(), batchSize = PURGE_BATCH_SIZE): Promise<number> {
    let total = 0;
    for (;;) {
      const started = performance.now();
      const deleted = await this.options.store.purgeExpired(now, batchSize);
      total += deleted;
      this.metrics.purgedKeys.inc(deleted);
      if (deleted < batchSize) return total;
      const pauseMs = purgePauseMs(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
