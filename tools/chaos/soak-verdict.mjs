// What the soak asserts, and its last line.
import { databaseRestartPassed } from './process-faults.mjs';

/**
 * The failed assertions (none means the soak passed). Exactly once: no duplicate, no lost order,
 * nothing left ambiguous, stock moved once per order, every order recorded with its key; and the
 * API failed closed during the database outage and recovered by itself.
 */
export function failedAssertions({ reconciliation: r, processFaults }) {
  const checks = [
    ['duplicates', r.safe.duplicates === 0],
    ['lost', r.safe.lost === 0],
    ['unresolved ambiguous checkouts', r.safe.unresolved === 0],
    ['definite failures that left an order', r.safe.phantom === 0],
    ['orders matching no checkout', r.unexpected === 0],
    ['stock moved once per ordered unit', r.stock.consistent],
    ['every order recorded with its key', r.keys.unrecordedOrders === 0 && r.keys.keysWithoutOrder === 0],
    ['outage probes', r.probe.wrong === 0],
    ['database restart: 503 meanwhile, recovery by itself', !processFaults.databaseRestart || databaseRestartPassed(processFaults.databaseRestart)],
  ];
  return checks.filter(([, ok]) => !ok).map(([name]) => name);
}

/** The last line, parsed by soak.spec.ts and CI. */
export function verdictLine({ checkouts, reconciliation: r }) {
  return `checkouts=${checkouts} duplicates=${r.safe.duplicates} lost=${r.safe.lost} naive_duplicates=${r.naive.duplicates}`;
}
