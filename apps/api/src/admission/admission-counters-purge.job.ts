import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AdmissionCounters } from './admission-counters';

/**
 * Deletes ended admission windows once a minute, so buckets for made-up emails and addresses do
 * not pile up. Runs because the API imports `ScheduleModule.forRoot()` (api-idempotency.module.ts).
 */
@Injectable()
export class AdmissionCountersPurgeJob {
  private readonly logger = new Logger(AdmissionCountersPurgeJob.name);

  constructor(private readonly counters: AdmissionCounters) {}

  @Interval(60_000)
  async run(): Promise<void> {
    try {
      await this.counters.purgeEnded();
    } catch (error) {
      // An ended window is already treated as new by the next hit: a late purge is harmless.
      this.logger.warn({ err: error }, 'admission counter purge failed');
    }
  }
}
