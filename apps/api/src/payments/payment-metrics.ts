import { Counter, register } from 'prom-client';

/** How a charge ended, as counted by `payment_provider_charges_total`. */
export type ChargeOutcome = 'succeeded' | 'declined' | 'invalid_payment_method' | 'unavailable';

/** What one pass of the checkout recovery worker did with a stalled checkout. */
export type RecoveryAction = 'finished' | 'failed';

/** Prometheus counters of the payment hop (payments.md §2) and of the checkout recovery worker. */
export class PaymentMetrics {
  readonly charges = counter('payment_provider_charges_total', 'Charges at the payment provider, by how they ended', ['outcome']);
  readonly retries = counter('payment_provider_retries_total', 'Retries of a charge scheduled by the retrying client, by the failed attempt\'s reason', ['reason']);
  readonly recoveries = counter('checkout_recovery_total', 'Stalled checkouts the recovery worker resumed, by result', ['result']);

  countCharge(outcome: ChargeOutcome): void {
    this.charges.inc({ outcome });
  }

  countRetry(reason: string): void {
    this.retries.inc({ reason });
  }

  countRecovery(result: RecoveryAction, count: number): void {
    if (count > 0) this.recoveries.inc({ result }, count);
  }
}

// Reuses a counter already registered: several API instances may share one process (tests).
function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}
