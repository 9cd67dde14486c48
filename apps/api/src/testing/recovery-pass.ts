import { CheckoutRecoveryWorker } from '../orders/checkout-recovery.worker';
import { stopScheduledJobs } from './scheduled-jobs';
import { startTestApi } from './test-api';

/**
 * One pass of the checkout recovery worker, as another API process would run it: a fresh API on
 * `env` (its database and provider) that steps in at once (`CHECKOUT_RECOVERY_AFTER_SECONDS=0`),
 * its own schedule stopped so that the test decides when the pass runs; closed afterwards.
 */
export async function runRecoveryPass(env: Record<string, string>): Promise<void> {
  const worker = await startTestApi({ ...env, CHECKOUT_RECOVERY_AFTER_SECONDS: '0' });
  try {
    stopScheduledJobs(worker.app);
    await worker.app.get(CheckoutRecoveryWorker).resumeStalledCheckouts();
  } finally {
    await worker.close();
  }
}
