import type { INestApplication } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Stops the app's `@Interval` jobs (the checkout recovery worker's passes, the key purge), so that
 * a test decides when a pass runs by calling it, and no pass of its own races the test's steps.
 */
export function stopScheduledJobs(app: INestApplication): void {
  const registry = app.get(SchedulerRegistry);
  for (const name of registry.getIntervals()) registry.deleteInterval(name);
}
