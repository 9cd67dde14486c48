// The capacity bench's arithmetic and output: pure functions (capacity-report.spec.ts), then the
// table for people and the one `name=value` line for scripts, always last.
import { table } from '../report-format';
import type { Abuse, AbuseName, AbuseResult } from './abuse';
import type { CheckoutLoadResult } from './checkout-load';
import type { RecoveryResult } from './recovery-backlog';
import { abuseCpuPerAnswer, WINDOW_CPU_HEADER, windowCpuRow, type WindowCpu } from './window-cpu';

/** The summary line's capacity figures, in its order. */
export const ABUSE_ORDER: readonly AbuseName[] = ['login', 'fat_body', 'list', 'slow_body', 'waiters'];

/** The checkout load beside one abuse, and what the abuse got. */
export interface BesideRun {
  abuse: Pick<Abuse, 'name' | 'description'>;
  load: CheckoutLoadResult;
  result: AbuseResult;
}

/** The nearest-rank percentile (`p` in 0–100) of `values`; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Checkouts/s beside an abuse ÷ checkouts/s alone, where "alone" is the mean of the windows just
 * before and just after it: drift on a shared machine then lands on both sides. NaN when alone is 0.
 */
export function capacityRatio(beside: number, aloneBefore: number, aloneAfter: number): number {
  const alone = (aloneBefore + aloneAfter) / 2;
  return alone > 0 ? beside / alone : Number.NaN;
}

/** Each abuse's capacity figure; `alones[i]` and `alones[i + 1]` bracket `besides[i]`. */
export function capacityFigures(alones: CheckoutLoadResult[], besides: BesideRun[]): Partial<Record<AbuseName, number>> {
  if (alones.length !== besides.length + 1)
    throw new Error(`${besides.length} abuse windows need ${besides.length + 1} alone windows around them, got ${alones.length}`);
  return Object.fromEntries(
    besides.map((run, i) => [run.abuse.name, capacityRatio(run.load.checkoutsPerSecond, alones[i].checkoutsPerSecond, alones[i + 1].checkoutsPerSecond)]),
  );
}

/** The last line: every capacity figure with 2 decimals, then recovery's; `NaN` for what was not measured. */
export function summaryLine(figures: Partial<Record<AbuseName, number>>, recovery?: Pick<RecoveryResult, 'backlogSeconds' | 'promiseSeconds'>): string {
  const capacity = ABUSE_ORDER.map((name) => `capacity_${name}=${(figures[name] ?? Number.NaN).toFixed(2)}`);
  const backlog = (recovery?.backlogSeconds ?? Number.NaN).toFixed(1);
  return [...capacity, `recovery_backlog_s=${backlog}`, `recovery_promise_s=${recovery?.promiseSeconds ?? Number.NaN}`].join(' ');
}

/** "201×80, 429×3, errors 2". */
export function statusCounts(statusCodes: Record<string, number>, errors = 0): string {
  const codes = Object.entries(statusCodes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code}×${count}`);
  if (errors) codes.push(`errors ${errors}`);
  return codes.join(', ') || 'none';
}

/** The whole report on stdout: the load table, the abuses, recovery, then the summary line. */
export function printCapacityReport(
  alones: CheckoutLoadResult[],
  besides: BesideRun[],
  recovery: RecoveryResult | undefined,
  seconds: number,
  windowCpus: WindowCpu[] = [],
): void {
  const figures = capacityFigures(alones, besides);
  const loadRow = (label: string, load: CheckoutLoadResult, ratio?: number) => [
    label,
    load.checkoutsPerSecond.toFixed(1),
    ratio === undefined ? '' : ratio.toFixed(2),
    load.p50Ms.toFixed(0),
    load.p99Ms.toFixed(0),
    statusCounts(load.statusCodes, load.errors),
  ];
  const rows = alones.flatMap((alone, i) => {
    const beside = besides[i];
    return [loadRow(`checkouts alone (${i + 1})`, alone), ...(beside ? [loadRow(`beside ${beside.abuse.name}`, beside.load, figures[beside.abuse.name])] : [])];
  });
  console.log(`\nCheckout load: windows of ${seconds} s; ratio = checkouts/s beside the abuse ÷ mean of the alone windows before and after it`);
  console.log(table(['window', 'checkouts/s', 'ratio', 'p50 ms', 'p99 ms', 'checkout answers'], rows));
  console.log('\nAbuses (each in the window beside the checkout load above)');
  const abuseRows = besides.map(({ abuse, result }) => [
    abuse.name,
    (result.requests / result.seconds).toFixed(1),
    result.bytesPerAnswer === undefined ? '' : result.bytesPerAnswer.toFixed(0),
    statusCounts(result.statusCodes, result.errors),
  ]);
  console.log(table(['abuse', 'req/s', 'bytes/answer', 'answers'], abuseRows));
  for (const { abuse, result } of besides) {
    console.log(`- ${abuse.name}: ${abuse.description}`);
    for (const note of result.notes ?? []) console.log(`    ${note}`);
  }
  printWindowCpu(alones, besides, windowCpus);
  const recoveryLines = recovery?.lines ?? ['not run (CAPACITY_RECOVERY=0)'];
  console.log(`\nRecovery after kill -9\n${recoveryLines.map((line) => `- ${line}`).join('\n')}\n`);
  console.log(summaryLine(figures, recovery));
}

// Windows in the order they ran: alone (1), beside the first abuse, alone (2), …
function printWindowCpu(alones: CheckoutLoadResult[], besides: BesideRun[], windowCpus: WindowCpu[]): void {
  if (windowCpus.length !== alones.length + besides.length) return;
  const aloneCpu = (i: number) => windowCpus[2 * i];
  const checkouts = (load: CheckoutLoadResult) => load.statusCodes['201'] ?? 0;
  const rows = windowCpus.map((cpu, i) => windowCpuRow(i % 2 ? `beside ${besides[(i - 1) / 2].abuse.name}` : `checkouts alone (${i / 2 + 1})`, cpu));
  console.log('\nCPU by process in each window (cores busy: CPU s per s; bench = checkout clients + attacker)');
  console.log(table(WINDOW_CPU_HEADER, rows));
  for (const [i, { abuse, load, result }] of besides.entries()) {
    const around = [i, i + 1].map((n) => ({ cpu: aloneCpu(n), checkouts: checkouts(alones[n]) }));
    const each = abuseCpuPerAnswer({ cpu: windowCpus[2 * i + 1], checkouts: checkouts(load) }, around, result.requests);
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    console.log(
      `- ${abuse.name}: CPU per answer beyond the checkouts' (at the alone windows' CPU per checkout): bench ${ms(each.bench)}, API ${ms(each.api)}, sandbox ${ms(each.sandbox)}, PostgreSQL ${ms(each.postgres)}`,
    );
  }
}
