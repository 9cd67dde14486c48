import { Inject, Injectable } from '@nestjs/common';
import type { PurgeTurn } from '@safe-checkout/idempotency';
import { randomUUID } from 'node:crypto';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS, ResolvedIdempotencyModuleOptions } from './idempotency-module-options';
import { purgePauseMs } from './idempotency-key.purger-pace';

/** Rows deleted per statement: small enough that a purge never holds many row locks at once. */
export const PURGE_BATCH_SIZE = 500;

/**
 * How long a full batch keeps the purge's turn, in ms: well beyond a batch and the pause after it
 * (at most a second), so that the turn passes to another process's purger only once this one is
 * done, or has stopped for that long.
 */
export const PURGE_TURN_MS = 15_000;

/** Deletes keys past their retention period, in batches. The application decides when to run it. */
@Injectable()
export class IdempotencyKeyPurger {
  private readonly turn: PurgeTurn = { purgerId: randomUUID(), turnMs: PURGE_TURN_MS };

  constructor(
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly options: ResolvedIdempotencyModuleOptions,
    private readonly metrics: IdempotencyMetrics,
  ) {}

  /**
   * Purges every key expired at `now` (default: the current time, read anew for each batch);
   * resolves to how many this purger deleted. Purgers sharing the store take turns (`PurgeTurn`):
   * a pass that finds another purger's turn running ends at once, as that purger is deleting the
   * same keys. After each full batch it pauses as long as the batch took, at most a second
   * (`purgePauseMs`): deleted back to back, a backlog of expired keys keeps one database backend
   * busy for as long as it lasts, beside the checkouts, and raises their p99 (docs/benchmarks.md,
   * "Cost as the key table grows").
   */
  async purgeExpiredKeys(now?: Date, batchSize = PURGE_BATCH_SIZE): Promise<number> {
    let total = 0;
    for (;;) {
      const started = performance.now();
      const deleted = await this.options.store.purgeExpired(now ?? new Date(), batchSize, this.turn);
      if (deleted === undefined) return total;
      total += deleted;
      this.metrics.purgedKeys.inc(deleted);
      if (deleted < batchSize) return total;
      const pauseMs = purgePauseMs(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
