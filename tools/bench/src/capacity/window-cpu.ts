// Where a window's CPU went, across every process of the machine's run: the bench itself (the
// checkout load and the attacker: the load generator shares the 2 cores), each API process, the
// sandbox and PostgreSQL. A ratio beside an abuse is checkouts/s, a share of the machine; this says
// who took the rest. Each process's own time (/proc), which a busy machine moves less than a ratio.
import type { PrismaClient } from '@safe-checkout/db';
import { cpuMs, parentPid, pidWithEnvironment, postgresServerCpuMs } from './process-cpu';

/** The processes of one capacity run. */
export interface RunProcesses {
  apiPids: number[];
  /** The sandbox's port: its process is the one started with `PAYMENT_SANDBOX_PORT` set to it. */
  sandboxPort: number;
  /** A client of the run's database server: its backend's parent is the postmaster. */
  prisma: PrismaClient;
}

/** CPU ms each process spent in one window. */
export interface WindowCpu {
  seconds: number;
  benchMs: number;
  apiMs: number[];
  sandboxMs: number;
  postgresMs: number;
}

/** Starts a window's measurement; the returned function ends it. */
export type WindowCpuMeter = () => () => WindowCpu;

/** Finds the processes once; then each call measures a window. */
export async function windowCpuMeter({ apiPids, sandboxPort, prisma }: RunProcesses): Promise<WindowCpuMeter> {
  const [{ pid: backend }] = await prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const postmaster = parentPid(backend);
  const sandboxPid = pidWithEnvironment('PAYMENT_SANDBOX_PORT', String(sandboxPort));
  const read = () => {
    const bench = process.cpuUsage();
    return {
      at: performance.now(),
      benchMs: (bench.user + bench.system) / 1000,
      apiMs: apiPids.map((pid) => cpuMs(pid)),
      sandboxMs: sandboxPid === undefined ? Number.NaN : cpuMs(sandboxPid),
      postgresMs: postmaster === undefined ? Number.NaN : postgresServerCpuMs(postmaster),
    };
  };
  return () => {
    const before = read();
    return () => {
      const after = read();
      return {
        seconds: (after.at - before.at) / 1000,
        benchMs: after.benchMs - before.benchMs,
        apiMs: after.apiMs.map((ms, i) => ms - before.apiMs[i]),
        sandboxMs: after.sandboxMs - before.sandboxMs,
        postgresMs: after.postgresMs - before.postgresMs,
      };
    };
  };
}

/** The columns of {@link windowCpuRow}. */
export const WINDOW_CPU_HEADER = ['window', 'bench', 'API processes', 'sandbox', 'PostgreSQL', 'total'];

/**
 * One row of cores busy (CPU s per s of the window) by process.
 * @example windowCpuRow('alone', { seconds: 2, benchMs: 500, apiMs: [1000, 800], sandboxMs: 200, postgresMs: 600 })
 * // ['alone', '0.25', '0.50 + 0.40', '0.10', '0.30', '1.55']
 */
export function windowCpuRow(label: string, cpu: WindowCpu): string[] {
  const cores = (ms: number) => (ms / 1000 / cpu.seconds).toFixed(2);
  const total = cpu.benchMs + cpu.apiMs.reduce((sum, ms) => sum + ms, 0) + cpu.sandboxMs + cpu.postgresMs;
  return [label, cores(cpu.benchMs), cpu.apiMs.map(cores).join(' + '), cores(cpu.sandboxMs), cores(cpu.postgresMs), cores(total)];
}

/** A window's CPU and the checkouts (201s) it completed. */
export interface MeasuredWindow {
  cpu: WindowCpu;
  checkouts: number;
}

/**
 * What one abuse answer cost each side, in CPU ms: the window beside the abuse, minus its
 * checkouts at the CPU per checkout of the windows alone around it, divided by the abuse's
 * answers. The bench's share is the load generator's (attacker and checkout clients).
 * @example 20 ms of API CPU per checkout alone; beside: 2 000 ms, 50 checkouts, 1 000 answers → (2000 − 50 × 20) / 1000 = 1 ms each
 */
export function abuseCpuPerAnswer(
  beside: MeasuredWindow,
  alones: MeasuredWindow[],
  answers: number,
): { bench: number; api: number; sandbox: number; postgres: number } {
  const parts = {
    bench: (cpu: WindowCpu) => cpu.benchMs,
    api: (cpu: WindowCpu) => cpu.apiMs.reduce((sum, ms) => sum + ms, 0),
    sandbox: (cpu: WindowCpu) => cpu.sandboxMs,
    postgres: (cpu: WindowCpu) => cpu.postgresMs,
  };
  const checkoutsAlone = alones.reduce((sum, alone) => sum + alone.checkouts, 0);
  const each = (part: (cpu: WindowCpu) => number) => {
    const perCheckout = checkoutsAlone ? alones.reduce((sum, alone) => sum + part(alone.cpu), 0) / checkoutsAlone : 0;
    return answers ? (part(beside.cpu) - beside.checkouts * perCheckout) / answers : Number.NaN;
  };
  return { bench: each(parts.bench), api: each(parts.api), sandbox: each(parts.sandbox), postgres: each(parts.postgres) };
}
