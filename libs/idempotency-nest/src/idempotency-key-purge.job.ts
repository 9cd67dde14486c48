import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { IdempotencyKeyPurger } from './idempotency-key.purger';

/**
 * Deletes keys past their retention period once a minute. Registered by `IdempotencyModule`; it
 * runs when the application imports `ScheduleModule.forRoot()` (@nestjs/schedule).
 */
@Injectable()
export class IdempotencyKeyPurgeJob {
  private readonly logger = new Logger(IdempotencyKeyPurgeJob.name);

  constructor(private readonly purger: IdempotencyKeyPurger) {}

  @Interval(60_000)
  async run(): Promise<void> {
    try {
      const purged = await this.purger.purgeExpiredKeys();
      if (purged > 0) this.logger.log({ purged }, 'purged expired idempotency keys');
    } catch (error) {
      // The next run retries; expired keys are already treated as new, so a late purge is harmless.
      this.logger.warn({ err: error }, 'idempotency key purge failed');
    }
  }
}
