// Everything one soak run found out: what the report prints and the verdict judges.
import type { ChaosCounts } from './chaos-admin-wire';
import type { NaiveCharge } from './naive-charges';
import type { NaiveCheckout } from './naive-checkouts';
import type { NoProcessFaults, ProcessFaults } from './process-fault-schedule';
import type { Reconciliation } from './reconcile';
import type { DeliveryDrain, WebhookReconciliation } from './reconcile-webhooks';
import type { SafeCheckout } from './safe-checkouts';
import type { Settlement } from './settle-checkouts';
import type { SoakOptions } from './soak-options';

/** The outcome of one soak run. */
export interface SoakOutcome {
  options: SoakOptions;
  /** What the customer proxy injected. */
  faultCounts: ChaosCounts;
  /** What the provider proxy injected. */
  providerFaultCounts: ChaosCounts;
  /** Empty with `--no-process-faults`. */
  processFaults: ProcessFaults | NoProcessFaults;
  safe: SafeCheckout[];
  naive: NaiveCheckout[];
  naiveCharges: NaiveCharge[];
  reconciliation: Reconciliation;
  /** One per resolution round. */
  settlements: Settlement[];
  /** The wait for the sandbox's webhook outbox to drain. */
  deliveryDrain: DeliveryDrain;
  /** The webhook hop against both databases and the naive receiver (payments.md §5). */
  webhooks: WebhookReconciliation;
  /** Milliseconds per phase of the run, and `total`. */
  durations: Record<string, number>;
  checkouts: number;
}
