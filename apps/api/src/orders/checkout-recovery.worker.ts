import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { IDEMPOTENCY_MODULE_OPTIONS, IdempotencyModuleOptions } from '@safe-checkout/idempotency-nest';
import { DEFAULT_IDEMPOTENCY_LEASE_MS, resumeStalledOperations } from '@safe-checkout/idempotency';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { PaymentMetrics } from '../payments/payment-metrics';
import { CheckoutPhases } from './checkout.phases';

// How often each API process looks for stalled checkouts, and how many it takes per pass. Several
// processes share the work (claimStalled skips keys another worker is taking).
export const CHECKOUT_RECOVERY_INTERVAL_MS = 5_000;
const CHECKOUTS_PER_PASS = 20;

/**
 * Finishes checkouts nobody else will (payments.md §2 "Recovery"; rocket-rides-atomic's completer):
 * a key left at `order_created` whose lease lapsed `CHECKOUT_RECOVERY_AFTER_SECONDS` ago belongs to
 * a process that crashed mid-checkout, or to a customer who got 503 and never retried. The worker
 * resumes its phases exactly as that retry would, so the order ends paid or payment_failed and the
 * stored answer awaits the customer's retry.
 */
@Injectable()
export class CheckoutRecoveryWorker {
  private readonly logger = new Logger(CheckoutRecoveryWorker.name);
  private running = false;

  constructor(
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly idempotency: IdempotencyModuleOptions,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly checkout: CheckoutPhases,
    private readonly metrics: PaymentMetrics,
  ) {}

  @Interval(CHECKOUT_RECOVERY_INTERVAL_MS)
  async runScheduledPass(): Promise<void> {
    // A pass may outlast the interval while the provider is slow; never two at once per process.
    if (this.running) return;
    this.running = true;
    try {
      await this.resumeStalledCheckouts();
    } catch (error) {
      this.logger.warn({ err: error }, 'checkout recovery pass failed; the next pass retries');
    } finally {
      this.running = false;
    }
  }

  /** One pass: resumes up to a batch of stalled checkouts. Resolves to how many finished and failed. */
  async resumeStalledCheckouts(now = new Date()): Promise<{ finished: number; failed: number }> {
    const report = await resumeStalledOperations({
      store: this.idempotency.store,
      phases: this.checkout.phases,
      lapsedForMs: this.config.checkoutRecoveryAfterSeconds * 1000,
      leaseMs: this.idempotency.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS,
      limit: CHECKOUTS_PER_PASS,
      runInTransaction: this.idempotency.runInTransaction ?? ((work) => work()),
      renderFinalAnswer: this.idempotency.renderFinalAnswer,
      now,
    });
    for (const lease of report.finished) this.logger.log({ scope: lease.scope }, 'resumed a stalled checkout to the end');
    for (const { error } of report.failed) this.logger.warn({ err: error }, 'a stalled checkout failed again; it stays at its recovery point');
    this.metrics.countRecovery('finished', report.finished.length);
    this.metrics.countRecovery('failed', report.failed.length);
    return { finished: report.finished.length, failed: report.failed.length };
  }
}
