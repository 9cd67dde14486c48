import { Counter, Gauge, Registry } from 'prom-client';

const CHARGE_OUTCOMES = ['succeeded', 'declined', 'invalid_payment_method', 'invalid_request', 'unavailable'] as const;
const RECOVERY_ACTIONS = ['finished', 'failed'] as const;

/** How a charge ended, as counted by `payment_provider_charges_total`. */
export type CountedChargeOutcome = (typeof CHARGE_OUTCOMES)[number];

/** What one pass of the checkout recovery worker did with a stalled checkout. */
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

/** Prometheus counters of the payment hop (payments.md §2) and of the checkout recovery worker. */
export class PaymentMetrics {
  readonly charges: Counter<'outcome'>;
  readonly retries: Counter<'reason'>;
  readonly recoveries: Counter<'result'>;
  readonly oldestDueAge: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.charges = new Counter({
      name: 'payment_provider_charges_total',
      help: 'Charges at the payment provider, by how they ended',
      labelNames: ['outcome'],
      registers,
    });
    this.retries = new Counter({
      name: 'payment_provider_retries_total',
      help: "Retries of a charge scheduled by the retrying client, by the failed attempt's reason",
      labelNames: ['reason'],
      registers,
    });
    this.recoveries = new Counter({
      name: 'checkout_recovery_total',
      help: 'Stalled checkouts the recovery worker resumed, by result',
      labelNames: ['result'],
      registers,
    });
    this.oldestDueAge = new Gauge({
      name: 'checkout_recovery_oldest_due_age_seconds',
      help: 'How long the oldest stalled checkout has been due for recovery, in seconds; 0 when none is',
      registers,
    });
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
