import { Counter, Gauge, register } from 'prom-client';

const CHARGE_OUTCOMES = ['succeeded', 'declined', 'invalid_payment_method', 'invalid_request', 'unavailable'] as const;
const RECOVERY_ACTIONS = ['finished', 'failed'] as const;

/** How a charge ended, as counted by `payment_provider_charges_total`. */
export type CountedChargeOutcome = (typeof CHARGE_OUTCOMES)[number];

/** What one pass of the checkout recovery worker did with a stalled checkout. */
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

/** Prometheus counters of the payment hop (payments.md §2) and of the checkout recovery worker. */
export class PaymentMetrics {
  readonly charges = counter('payment_provider_charges_total', 'Charges at the payment provider, by how they ended', ['outcome']);
  readonly retries = counter('payment_provider_retries_total', "Retries of a charge scheduled by the retrying client, by the failed attempt's reason", [
    'reason',
  ]);
  readonly recoveries = counter('checkout_recovery_total', 'Stalled checkouts the recovery worker resumed, by result', ['result']);
  readonly oldestDueAge =
    (register.getSingleMetric('checkout_recovery_oldest_due_age_seconds') as Gauge | undefined) ??
    new Gauge({
      name: 'checkout_recovery_oldest_due_age_seconds',
      help: 'How long the oldest stalled checkout has been due for recovery, in seconds; 0 when none is',
    });

  constructor() {
    // Every series from the start, at zero: one that appears only at its first event breaks rate().
    for (const outcome of CHARGE_OUTCOMES) this.charges.inc({ outcome }, 0);
    for (const result of RECOVERY_ACTIONS) this.recoveries.inc({ result }, 0);
  }

  countCharge(outcome: CountedChargeOutcome): void {
    this.charges.inc({ outcome });
  }

  countRetry(reason: string): void {
    this.retries.inc({ reason });
  }

  /** Sets `checkout_recovery_oldest_due_age_seconds` from a drain's report, in ms. */
  setOldestDueAge(ageMs: number): void {
    this.oldestDueAge.set(ageMs / 1000);
  }

  countRecovery(result: RecoveryAction, count: number): void {
    if (count > 0) this.recoveries.inc({ result }, count);
  }
}

// Reuses a counter already registered: several API instances may share one process (tests).
function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}
