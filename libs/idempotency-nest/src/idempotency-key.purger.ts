import { Inject, Injectable } from '@nestjs/common';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS, ResolvedIdempotencyModuleOptions } from './idempotency-module-options';

/** Rows deleted per statement: small enough that a purge never holds many row locks at once. */
export const PURGE_BATCH_SIZE = 500;

/** Deletes keys past their retention period, in batches. The application decides when to run it. */
@Injectable()
export class IdempotencyKeyPurger {
  constructor(
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly options: ResolvedIdempotencyModuleOptions,
    private readonly metrics: IdempotencyMetrics,
  ) {}

  /** Purges every key expired at `now`; resolves to how many were deleted. */
  async purgeExpiredKeys(now: Date = new Date(), batchSize = PURGE_BATCH_SIZE): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.options.store.purgeExpired(now, batchSize);
      total += deleted;
      this.metrics.purgedKeys.inc(deleted);
      if (deleted < batchSize) return total;
    }
  }
}
