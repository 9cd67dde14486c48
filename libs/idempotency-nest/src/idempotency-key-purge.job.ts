import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { IdempotencyKeyPurger } from './idempotency-key.purger';

/** How often the job starts a purge, in ms. */
export const PURGE_INTERVAL_MS = 60_000;

/**
 * Deletes keys past their retention period once a minute. Registered by `IdempotencyModule`; it
 * runs when the application imports `ScheduleModule.forRoot()` (@nestjs/schedule).
 */
@Injectable()
export class IdempotencyKeyPurgeJob {
  private readonly logger = new Logger(IdempotencyKeyPurgeJob.name);
  private purging = false;

  constructor(private readonly purger: IdempotencyKeyPurger) {}

  /**
   * Purges unless this job's previous purge is still under way: a paced purge of a backlog lasts
   * longer than the interval, and a second one beside it would double the load it paces.
   */
  @Interval(PURGE_INTERVAL_MS)
  async run(): Promise<void> {
    if (this.purging) return;
    this.purging = true;
    try {
      const purged = await this.purger.purgeExpiredKeys();
      if (purged > 0) this.logger.log({ purged }, 'purged expired idempotency keys');
    } catch (error) {
      // The next run retries; expired keys are already treated as new, so a late purge is harmless.
      this.logger.warn({ err: error }, 'idempotency key purge failed');
    } finally {
      this.purging = false;
    }
  }
}
