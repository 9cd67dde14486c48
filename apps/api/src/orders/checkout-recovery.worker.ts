import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { IDEMPOTENCY_MODULE_OPTIONS, IdempotencyModuleOptions } from '@safe-checkout/idempotency-nest';
import { DEFAULT_IDEMPOTENCY_LEASE_MS, drainStalledOperations, StalledOperationsDrainReport } from '@safe-checkout/idempotency';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { PaymentMetrics } from '../checkout/payment-metrics';
import { PaymentProvider } from '../checkout/payment-provider';
import { CheckoutPhases } from '../checkout/checkout.phases';
import { CHECKOUT_RECOVERY_TICK_MS, nextRecoveryDrainAtMs } from './recovery-schedule';

/**
 * Finishes checkouts nobody else will (payments.md §2 "Recovery"; rocket-rides-atomic's completer):
 * a key left at `order_created` whose lease lapsed `CHECKOUT_RECOVERY_AFTER_SECONDS` ago belongs to
 * a process that crashed mid-checkout, or to a customer who got 503 and never retried. The worker
 * resumes its phases exactly as that retry would, so the order ends paid or payment_failed and the
 * stored answer awaits the customer's retry. It drains until nothing is due,
 * `CHECKOUT_RECOVERY_CONCURRENCY` charges at a time, waits while the provider asks it to, then
 * sleeps until the next checkout falls due.
 */
@Injectable()
export class CheckoutRecoveryWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(CheckoutRecoveryWorker.name);
  private readonly shutdown = new AbortController();
  private running = false;
  private nextDrainAtMs = 0;

  constructor(
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly idempotency: IdempotencyModuleOptions,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly checkout: CheckoutPhases,
    private readonly payments: PaymentProvider,
    private readonly metrics: PaymentMetrics,
  ) {}

  @Interval(CHECKOUT_RECOVERY_TICK_MS)
  async runScheduledPass(): Promise<void> {
    // A drain may outlast many ticks while a backlog lasts; never two at once per process.
    if (this.running || Date.now() < this.nextDrainAtMs) return;
    this.running = true;
    let report: StalledOperationsDrainReport | undefined;
    try {
      report = await this.drain();
    } catch (error) {
      this.logger.warn({ err: error }, 'checkout recovery drain failed; the next one retries');
    } finally {
      this.nextDrainAtMs = nextRecoveryDrainAtMs(report, Date.now(), this.lapsedForMs());
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  /** One drain at `now` (default: the clock): resumes every due stalled checkout. Resolves to how many finished and failed. */
  async resumeStalledCheckouts(now?: Date): Promise<{ finished: number; failed: number }> {
    const report = await this.drain(now && (() => now));
    return { finished: report.finished, failed: report.failed };
  }

  private drain(clock?: () => Date): Promise<StalledOperationsDrainReport> {
    return drainStalledOperations({
      store: this.idempotency.store,
      phases: this.checkout.recoveryPhases,
      lapsedForMs: this.lapsedForMs(),
      leaseMs: this.idempotency.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS,
      concurrency: this.config.checkoutRecoveryConcurrency,
      runInTransaction: this.idempotency.runInTransaction ?? ((work) => work()),
      renderFinalAnswer: this.idempotency.renderFinalAnswer,
      holdOffMs: () => this.payments.holdOff.remainingMs(),
      clock,
      signal: this.shutdown.signal,
      onOldestDueAge: (ageMs) => this.metrics.setOldestDueAge(ageMs),
      onRound: (round) => {
        for (const lease of round.finished) this.logger.log({ scope: lease.scope }, 'resumed a stalled checkout to the end');
        for (const { error } of round.failed) this.logger.warn({ err: error }, 'a stalled checkout failed again; it stays at its recovery point');
        this.metrics.countRecovery('finished', round.finished.length);
        this.metrics.countRecovery('failed', round.failed.length);
      },
    });
  }

  private lapsedForMs(): number {
    return this.config.checkoutRecoveryAfterSeconds * 1000;
  }
}
