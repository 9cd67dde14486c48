// What the soak asserts, and its last line.
import { databaseRestartPassed } from './database-restart';
import type { SoakOutcome } from './soak-outcome';

/**
 * The failed assertions (none means the soak passed). Exactly once: no duplicate, no lost order,
 * nothing left ambiguous, every order recorded with its key; charged exactly once (payments.md §3):
 * every 201 names a paid order, a paid order has exactly one succeeded PaymentIntent of its total,
 * an unpaid one none, no charge without its paid order, no checkout charged twice, nothing left
 * awaiting payment once recovery settled, and stock taken only by orders not payment_failed; and
 * the API failed closed during the database outage and recovered by itself; the payment sandbox
 * kept its data through its restart; and the webhook hop (payments.md §5): every delivery settled,
 * every delivered event applied once, every paid order with exactly one receipt, no order moved
 * backwards.
 */
export function failedAssertions({
  reconciliation: r,
  processFaults,
  webhooks: w,
  deliveryDrain,
}: Pick<SoakOutcome, 'reconciliation' | 'processFaults' | 'webhooks' | 'deliveryDrain'>): string[] {
  const p = r.payments;
  const checks: Array<[name: string, ok: boolean]> = [
    ['duplicates', r.safe.duplicates === 0],
    ['lost', r.safe.lost === 0],
    ['unresolved ambiguous checkouts', r.safe.unresolved === 0],
    ['definite failures that left an order', r.safe.phantom === 0],
    ['orders matching no checkout', r.unexpected === 0],
    ['stock taken = units of orders not payment_failed', r.stock.consistent],
    ['every order recorded with its key', r.keys.unrecordedOrders === 0 && r.keys.keysWithoutOrder === 0],
    ['every 201 names a paid order', r.safe.unpaid === 0],
    ['double charges', p.doubleCharges === 0],
    ['orphan charges', p.orphanCharges === 0],
    ['paid orders with exactly one charge of their total', p.paidWithoutExactlyOneCharge === 0],
    ['unpaid orders not charged', p.chargedUnpaid === 0],
    ['unsettled orders (awaiting_payment after settlement)', p.unsettled === 0],
    ['outage probes', r.probe.wrong === 0],
    ['database restart: 503 meanwhile, recovery by itself', !processFaults.databaseRestart || databaseRestartPassed(processFaults.databaseRestart)],
    ['payment sandbox restart: its data kept', !processFaults.sandboxRestart || processFaults.sandboxRestart.keptData],
    ['webhook deliveries drained', deliveryDrain.remaining === 0],
    ['webhook events applied twice', w.eventsAppliedTwice === 0],
    ['paid orders without a receipt', w.receiptsMissing === 0],
    ['duplicated receipts', w.receiptsDuplicated === 0],
    ['orders moved backwards', w.ordersMovedBackwards === 0],
  ];
  return checks.filter(([, ok]) => !ok).map(([name]) => name);
}

/**
 * The last line, parsed by soak.spec.ts and CI. `naive_duplicates`: extra orders of the naive
 * customers; `naive_double_charges`: orders the naive server charged more than once;
 * `naive_receipts_duplicated`: receipts beyond the first that the naive webhook receiver issued.
 */
export function verdictLine({ checkouts, reconciliation: r, webhooks: w }: Pick<SoakOutcome, 'checkouts' | 'reconciliation' | 'webhooks'>): string {
  const p = r.payments;
  return [
    `checkouts=${checkouts} duplicates=${r.safe.duplicates} lost=${r.safe.lost} naive_duplicates=${r.naive.duplicates}`,
    `double_charges=${p.doubleCharges} orphan_charges=${p.orphanCharges} unsettled=${p.unsettled} naive_double_charges=${p.naiveServer.doubleCharged}`,
    `webhook_events_applied_twice=${w.eventsAppliedTwice} receipts_missing=${w.receiptsMissing} receipts_duplicated=${w.receiptsDuplicated}`,
    `orders_moved_backwards=${w.ordersMovedBackwards} naive_receipts_duplicated=${w.naiveReceiptsDuplicated}`,
  ].join(' ');
}
