import { Inject, Injectable } from '@nestjs/common';
import { IDEMPOTENCY_MODULE_OPTIONS, ResolvedIdempotencyModuleOptions, StalledOperationsWorker } from '@safe-checkout/idempotency-nest';
import { tracedResumption } from '@safe-checkout/tracing';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { PaymentMetrics } from '../checkout/payment-metrics';
import { PaymentProvider } from '../checkout/payment-provider';
import { CheckoutPhases } from '../checkout/checkout.phases';

/**
 * The checkout's recovery worker (payments.md §2 "Recovery"): a key left at `order_created` whose
 * lease lapsed `CHECKOUT_RECOVERY_AFTER_SECONDS` ago is resumed, so the order ends paid or
 * payment_failed, `CHECKOUT_RECOVERY_CONCURRENCY` charges at a time, holding off while the
 * provider asks. How it drains and when it sleeps is `StalledOperationsWorker`'s.
 */
@Injectable()
export class CheckoutRecoveryWorker extends StalledOperationsWorker {
  constructor(
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) idempotency: ResolvedIdempotencyModuleOptions,
    @Inject(API_CONFIG) config: ApiConfig,
    checkout: CheckoutPhases,
    payments: PaymentProvider,
    metrics: PaymentMetrics,
  ) {
    super(idempotency, {
      phases: checkout.recoveryPhases,
      lapsedForMs: config.checkoutRecoveryAfterSeconds * 1000,
      concurrency: config.checkoutRecoveryConcurrency,
      holdOffMs: () => payments.holdOff.remainingMs(),
      // Each resumed checkout is a trace of its own, linked to its request's (docs/tracing.md).
      aroundResume: tracedResumption('checkout'),
      onOldestDueAge: (ageMs) => metrics.setOldestDueAge(ageMs),
      onRound: (round) => {
        metrics.countRecovery('finished', round.finished.length);
        metrics.countRecovery('failed', round.failed.length);
      },
    });
  }

  /** One drain at `now` (default: the clock): resumes every due stalled checkout. Resolves to how many finished and failed. */
  async resumeStalledCheckouts(now?: Date): Promise<{ finished: number; failed: number }> {
    const { finished, failed } = await this.drain(now);
    return { finished, failed };
  }
}
