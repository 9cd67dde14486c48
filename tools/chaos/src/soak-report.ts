// The soak's printed report: a few small tables, then the one-line verdict.
import { FAULT_KINDS, type ChaosCounts } from './chaos-admin-wire';
import type { NaiveCharge } from './naive-charges';
import type { NoProcessFaults, ProcessFaults } from './process-fault-schedule';
import type { NaiveServerCharges, PaymentReconciliation } from './reconcile-payments';
import type { DeliveryDrain, WebhookReconciliation } from './reconcile-webhooks';
import type { SafeCheckout } from './safe-checkouts';
import type { Settlement } from './settle-checkouts';
import type { SoakOutcome } from './soak-outcome';

/** A table row: its label, then its cells. */
type Row = [label: string, ...values: Array<string | number>];

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '–');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function section(title: string, rows: Row[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  const cell = (value: string | number) => (typeof value === 'number' ? String(value).padStart(6) : value);
  return [title, ...rows.map(([label, ...values]) => `  ${label.padEnd(width)}  ${values.map(cell).join('  ')}`)].join('\n');
}

function countBy<T, K>(items: readonly T[], keyOf: (item: T) => K | readonly K[]): Array<[K, number]> {
  const counts = new Map<K, number>();
  for (const item of items) {
    const keys = keyOf(item);
    for (const key of Array.isArray(keys) ? (keys as readonly K[]) : [keys as K]) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function faultRows(counts: ChaosCounts, route: string, upstream: string): Row[] {
  return [
    ['requests through the proxy', counts.requests],
    [`eligible (${route})`, counts.eligible],
    ...FAULT_KINDS.map((kind): Row => [kind, counts[kind], pct(counts[kind], counts.eligible)]),
    [`502 from the proxy (${upstream} down)`, counts['upstream-errors']],
  ];
}

function midChargeKillRows(kill: ProcessFaults['midChargeKill']): Row[] {
  return [
    [`${kill.replica} SIGKILL mid-charge at ${kill.atCheckouts} checkouts`, `healthy again after ${seconds(kill.downMs)}`],
    ['  charges held on the provider hop', `${seconds(kill.holdMs)}, the kill ${seconds(kill.killAfterMs)} into it`],
    ['  checkouts it held at order_created', kill.caught],
    [`    charged, still awaiting_payment ${seconds(kill.checkMs)} after the kill`, kill.chargedNotRecorded],
    ...(kill.error ? [['  reading the databases failed', kill.error] satisfies Row] : []),
  ];
}

function processFaultRows(faults: ProcessFaults | NoProcessFaults): Row[] {
  if (!faults.replicaKill) return [['process faults', 'skipped (--no-process-faults)']];
  const { replicaKill, midChargeKill, sandboxRestart, databaseRestart } = faults;
  const rows: Row[] = [[`${replicaKill.replica} SIGKILL at ${replicaKill.atCheckouts} checkouts`, `healthy again after ${seconds(replicaKill.downMs)}`]];
  rows.push(...midChargeKillRows(midChargeKill));
  rows.push([`payment sandbox SIGKILL at ${sandboxRestart.atCheckouts} checkouts`, `healthy again after ${seconds(sandboxRestart.downMs)}`]);
  rows.push([
    '  its newest PaymentIntent before the kill',
    sandboxRestart.keptData ? `${sandboxRestart.newestId}, still there` : `LOST (${sandboxRestart.newestId ?? 'none read'})`,
  ]);
  if (databaseRestart.skipped !== undefined) return [...rows, ['database restart', `skipped: ${databaseRestart.skipped}`]];
  rows.push([`database down at ${databaseRestart.atCheckouts} checkouts`, `for ${seconds(databaseRestart.outageMs)}`]);
  for (const probe of databaseRestart.duringOutage)
    rows.push([`  ${probe.replica} during the outage`, `GET /health ${probe.health}, POST /orders ${probe.order}`]);
  const sandbox = databaseRestart.paymentSandbox;
  rows.push(['  payment sandbox during the outage', `GET /health ${sandbox.health}`]);
  rows.push([
    '  payment sandbox after the restart',
    sandbox.error !== undefined ? `DID NOT RECOVER: ${sandbox.error}` : `healthy after ${seconds(sandbox.recoveredAfterMs)} by itself`,
  ]);
  for (const r of databaseRestart.recovery) {
    rows.push([
      `  ${r.replica} after the restart`,
      r.error !== undefined ? `DID NOT RECOVER: ${r.error}` : `healthy after ${seconds(r.recoveredAfterMs)} by itself, POST /orders ${r.order}`,
    ]);
  }
  return rows;
}

function attemptRows(checkouts: SafeCheckout[]): Row[] {
  const byAttempts = countBy(checkouts, (c) => c.attempts).sort((a, b) => a[0] - b[0]);
  const most = Math.max(...byAttempts.map(([, n]) => n));
  return byAttempts.map(([attempts, n]) => [`${attempts} attempt${attempts === 1 ? '' : 's'}`, n, '#'.repeat(Math.ceil((40 * n) / most))]);
}

function outcomeRows(checkouts: SafeCheckout[]): Row[] {
  const n = checkouts.length;
  const count = (predicate: (checkout: SafeCheckout) => boolean) => checkouts.filter(predicate).length;
  const rows: Array<[string, number]> = [
    ['succeeded at the first attempt', count((c) => c.outcome === 'succeeded' && !c.resolution && c.attempts === 1)],
    ['succeeded after retries', count((c) => c.outcome === 'succeeded' && !c.resolution && c.attempts > 1)],
    ['  of which answered by a replay', count((c) => Boolean(c.replayed) && !c.resolution)],
    ['ambiguous, resolved afterwards: had happened', count((c) => c.resolution === 'had-happened')],
    ['ambiguous, resolved afterwards: had not', count((c) => c.resolution === 'had-not-happened')],
    ['definite failure (4xx)', count((c) => c.outcome === 'definite')],
    ['still ambiguous', count((c) => c.outcome === 'ambiguous')],
  ];
  return rows.map(([label, value]) => [label, value, pct(value, n)]);
}

function naiveServerRows(charges: NaiveCharge[], charged: NaiveServerCharges): Row[] {
  const failures = countBy(
    charges.filter((c) => c.outcome === 'failed'),
    (c) => c.finalFailure,
  ).map(([reason, n]): Row => [`  ${reason}`, n]);
  return [
    ['orders it charged (every order of the naive customers)', charges.length],
    ['saw success / failure', `${charges.filter((c) => c.outcome === 'succeeded').length} / ${charges.filter((c) => c.outcome === 'failed').length}`],
    ...failures,
    ['attempts, each with a key of its own', charges.reduce((sum, c) => sum + c.attempts, 0)],
    ['succeeded PaymentIntents / orders they pay', `${charged.succeeded} / ${charged.ordersCharged}`],
    ['orders charged twice or more', `${charged.doubleCharged} (${charged.extraCharges} extra charges)`],
  ];
}

function paymentRows(p: PaymentReconciliation, settlements: Settlement[]): Row[] {
  const statuses = ['paid', 'payment_failed', 'awaiting_payment'].map((status) => p.ordersByStatus[status] ?? 0).join(' / ');
  return [
    ['PaymentIntents in the sandbox / succeeded', `${p.intents} / ${p.succeeded}`],
    ['orders paid / payment_failed / awaiting_payment', statuses],
    ...settlements.map((s, i): Row => [
      `awaiting payment before settlement ${i + 1}`,
      `${s.awaitingAtStart}, ${s.remaining} left after ${seconds(s.waitedMs)}`,
    ]),
    ['double charges (an order or a checkout)', p.doubleCharges],
    ['orphan charges (no paid order)', p.orphanCharges],
    ['paid orders without exactly one charge of their total', p.paidWithoutExactlyOneCharge],
    ['unpaid orders that were charged', p.chargedUnpaid],
    ['unsettled (awaiting_payment after settlement)', p.unsettled],
  ];
}

function webhookRows(w: WebhookReconciliation, drain: DeliveryDrain): Row[] {
  const listed = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ') || 'none';
  return [
    ['events created by the sandbox', w.events],
    ['deliveries to the shop: succeeded / given up', `${w.deliveriesSucceeded} / ${w.deliveriesFailed}`],
    ['pending when the soak waited / left after', `${drain.pendingAtStart} / ${drain.remaining} after ${seconds(drain.waitedMs)}`],
    ['events recorded by the shop, by outcome', listed(w.recordedByOutcome)],
    ['paid orders, by the path that confirmed them', listed(w.confirmedBy)],
    ['events applied twice', w.eventsAppliedTwice],
    ['paid orders without a receipt / duplicated receipts', `${w.receiptsMissing} / ${w.receiptsDuplicated}`],
    ['orders moved backwards', w.ordersMovedBackwards],
    ['naive receiver: extra receipts (no dedupe)', w.naiveReceiptsDuplicated],
  ];
}

/** The whole report; its last line is `verdictLine`. */
export function formatReport({
  options,
  faultCounts,
  providerFaultCounts,
  processFaults,
  safe,
  naive,
  naiveCharges,
  reconciliation: r,
  settlements,
  deliveryDrain,
  webhooks,
  durations,
  verdictLine,
}: SoakOutcome & { verdictLine: string }): string {
  const reasons = countBy(safe, (c) => c.failureReasons).map(([reason, n]): Row => [reason, n]);
  const gaveUp = countBy(
    safe.filter((c) => c.resolution),
    (c) => c.stopReason ?? 'unknown',
  ).map(([reason, n]): Row => [reason, n]);
  const problems = [...r.safe.examples, ...r.keys.examples, ...r.payments.examples, ...webhooks.examples];
  const naiveFailures = countBy(
    naive.filter((c) => c.outcome === 'failed'),
    (c) => c.finalFailure,
  ).map(([reason, n]): Row => [`  ${reason}`, n]);
  return [
    [
      `Chaos soak: ${options.checkouts} checkouts by ${options.customers} customers, ${options.naive} naive checkouts by ${options.naiveCustomers}, seed ${options.seed}`,
      `fault rate ${options.faultRate} customers → API, ${options.providerFaultRate} API → payment sandbox (latency ${options.providerLatencyMs} ms), lease ${options.leaseMs} ms, checkout recovery after ${options.recoveryAfterSeconds} s`,
    ].join('\n'),
    section('Faults injected by the customer proxy (customers → API replicas)', faultRows(faultCounts, 'POST /orders', 'replica')),
    section(
      'Faults injected by the provider proxy (API replicas and naive server → payment sandbox)',
      faultRows(providerFaultCounts, 'POST /v1/payment_intents', 'sandbox'),
    ),
    section('Process faults', processFaultRows(processFaults)),
    section('Retrying client: attempts per checkout', attemptRows(safe)),
    section('Retrying client: failed attempts by reason', reasons.length ? reasons : [['none', '']]),
    section('Retrying client: outcomes', outcomeRows(safe)),
    ...(gaveUp.length ? [section('Retrying client: why it gave up (before resolution)', gaveUp)] : []),
    section('Naive client (axios-retry + interceptor minting the key)', [
      ['checkouts', naive.length],
      ['saw success', naive.filter((c) => c.outcome === 'succeeded').length],
      ['saw failure', naive.filter((c) => c.outcome === 'failed').length],
      ...naiveFailures,
      ['attempts / distinct keys sent', `${naive.reduce((s, c) => s + c.attempts, 0)} / ${naive.reduce((s, c) => s + c.keys.size, 0)}`],
      ['orders in the database', r.naive.orders],
      ['duplicate orders', `${r.naive.duplicates} (in ${r.naive.duplicatedCheckouts} checkouts)`],
      ['checkouts charged twice or more', `${r.payments.naiveChargedTwice} (${r.payments.naiveExtraCharges} extra charges)`],
      ['saw failure, but the order exists', r.naive.failedButPlaced],
    ]),
    section('Naive server (axios-retry, a fresh provider key per attempt, through the provider proxy)', naiveServerRows(naiveCharges, r.payments.naiveServer)),
    section('Reconciliation (from the database)', [
      ['orders for the checkouts', r.safe.orders],
      ['duplicates / lost', `${r.safe.duplicates} / ${r.safe.lost}`],
      ['definite failures that left an order', r.safe.phantom],
      ['orders matching no checkout', r.unexpected],
      ['answered 201 but not paid', r.safe.unpaid],
      ['stock moved / units ordered (not payment_failed)', `${r.stock.delta} / ${r.stock.ordered} ${r.stock.consistent ? '(equal)' : 'MISMATCH'}`],
      ['orders without their key / keys without order', `${r.keys.unrecordedOrders} / ${r.keys.keysWithoutOrder}`],
      ['outage probes wrong', `${r.probe.wrong} of ${r.probe.sent}`],
    ]),
    section('Payments (payments.md §3: every order against every PaymentIntent)', paymentRows(r.payments, settlements)),
    section('Webhooks (payments.md §5: sandbox → customer proxy → shop, and the naive receiver)', webhookRows(webhooks, deliveryDrain)),
    ...(problems.length ? [['Offending checkouts, orders and charges (first 5 of each)', ...problems.map((e) => `  ${e}`)].join('\n')] : []),
    section(
      'Durations',
      Object.entries(durations).map(([phase, ms]): Row => [phase, seconds(ms)]),
    ),
    verdictLine,
  ].join('\n\n');
}
