// Where the recovery drain's time goes: the CPU each process spent between the clock's start and
// the last order paid (both recovering API processes, the sandbox, PostgreSQL), and what the two
// databases did meanwhile (transactions, rows written; statements too when the server preloads
// pg_stat_statements). Read per order drained, so that runs of different lengths compare.
import type { PrismaClient } from '@safe-checkout/db';
import { cpuMs, parentPid, postgresServerCpuMs, pidWithEnvironment } from './process-cpu';

/** Statements listed by {@link DrainCostMeter.stop} when pg_stat_statements is there. */
const TOP_STATEMENTS = 12;
const STATEMENT_TEXT_CHARS = 110;

/** The processes a drain runs on. */
export interface DrainProcesses {
  apiPids: number[];
  /** The sandbox's port: its process is the one started with `PAYMENT_SANDBOX_PORT` set to it. */
  sandboxPort: number;
  /** The shop's database on the server the bench uses (the sandbox's is `<it>_payment_sandbox`). */
  prisma: PrismaClient;
  paymentsDatabase: string;
}

/** Measures from its start; `stop` reads again and describes the difference per order. */
export interface DrainCostMeter {
  stop: (orders: number, seconds: number) => Promise<string[]>;
}

interface DatabaseCounters {
  datname: string;
  transactions: number;
  rowsWritten: number;
}

export async function startDrainCostMeter({ apiPids, sandboxPort, prisma, paymentsDatabase }: DrainProcesses): Promise<DrainCostMeter> {
  const [{ pid: backend, database }] = await prisma.$queryRaw<
    { pid: number; database: string }[]
  >`SELECT pg_backend_pid() AS pid, current_database() AS database`;
  const postmaster = parentPid(backend);
  const sandboxPid = pidWithEnvironment('PAYMENT_SANDBOX_PORT', String(sandboxPort));
  const databases = [database, paymentsDatabase];
  const statements = await statementStatisticsReset(prisma);
  const cpu = () => ({
    apis: apiPids.map((pid) => cpuMs(pid)),
    sandbox: sandboxPid === undefined ? NaN : cpuMs(sandboxPid),
    postgres: postmaster === undefined ? NaN : postgresServerCpuMs(postmaster),
  });
  const before = { cpu: cpu(), counters: await databaseCounters(prisma, databases) };
  return {
    stop: async (orders, seconds) => {
      const after = { cpu: cpu(), counters: await databaseCounters(prisma, databases) };
      const per = (ms: number) => (orders > 0 ? `${(ms / orders).toFixed(1)} ms/order` : '–');
      const apiMs = after.cpu.apis.map((ms, i) => ms - before.cpu.apis[i]);
      const sandboxMs = after.cpu.sandbox - before.cpu.sandbox;
      const postgresMs = after.cpu.postgres - before.cpu.postgres;
      const total = apiMs.reduce((sum, ms) => sum + ms, 0) + sandboxMs + postgresMs;
      const lines = [
        `drain CPU over ${seconds.toFixed(1)} s for ${orders} orders (${(total / 1000 / seconds).toFixed(2)} cores busy with it): ` +
          `API processes ${apiMs.map((ms) => (ms / 1000).toFixed(1)).join(' + ')} s (${per(apiMs.reduce((sum, ms) => sum + ms, 0))}), ` +
          `sandbox ${(sandboxMs / 1000).toFixed(1)} s (${per(sandboxMs)}), PostgreSQL ${(postgresMs / 1000).toFixed(1)} s (${per(postgresMs)})`,
      ];
      for (const [i, name] of databases.entries()) {
        const [b, a] = [before.counters.find((row) => row.datname === name), after.counters.find((row) => row.datname === name)];
        if (!a || !b || orders === 0) continue;
        lines.push(
          `${i === 0 ? 'shop' : 'sandbox'} database: ${((a.transactions - b.transactions) / orders).toFixed(1)} transactions and ${((a.rowsWritten - b.rowsWritten) / orders).toFixed(1)} rows written per order`,
        );
      }
      if (statements) lines.push(...(await topStatements(prisma, databases, orders)));
      return lines;
    },
  };
}

async function databaseCounters(prisma: PrismaClient, databases: string[]): Promise<DatabaseCounters[]> {
  // The statistics are a snapshot per transaction: a fresh one is taken by each statement outside one.
  return prisma.$queryRaw<DatabaseCounters[]>`
    SELECT datname, (xact_commit + xact_rollback)::float8 AS transactions, (tup_inserted + tup_updated + tup_deleted)::float8 AS "rowsWritten"
    FROM pg_stat_database WHERE datname = ANY(${databases}::text[])`;
}

// Resolves to whether pg_stat_statements is preloaded (then its counters start from zero now).
async function statementStatisticsReset(prisma: PrismaClient): Promise<boolean> {
  const [{ preloaded }] = await prisma.$queryRaw<{ preloaded: string }[]>`SELECT current_setting('shared_preload_libraries') AS preloaded`;
  if (!preloaded.split(',').some((name) => name.trim() === 'pg_stat_statements')) return false;
  await prisma.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await prisma.$queryRawUnsafe('SELECT pg_stat_statements_reset()');
  return true;
}

async function topStatements(prisma: PrismaClient, databases: string[], orders: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ datname: string; calls: number; totalMs: number; query: string }[]>`
    SELECT d.datname, s.calls::float8 AS calls, s.total_exec_time AS "totalMs", s.query
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
    WHERE d.datname = ANY(${databases}::text[])`;
  const callsIn = (name: string) => rows.filter((row) => row.datname === name).reduce((sum, row) => sum + row.calls, 0);
  const top = [...rows].sort((a, b) => b.calls - a.calls).slice(0, TOP_STATEMENTS);
  return [
    `statements per order: shop ${(callsIn(databases[0]) / orders).toFixed(1)}, sandbox ${(callsIn(databases[1]) / orders).toFixed(1)} (pg_stat_statements); the most called:`,
    ...top.map(
      (row) =>
        `    ${(row.calls / orders).toFixed(2).padStart(6)}/order ${(row.totalMs / row.calls).toFixed(2).padStart(6)} ms  ${row.datname === databases[0] ? 'shop   ' : 'sandbox'}  ${row.query.replace(/\s+/g, ' ').slice(0, STATEMENT_TEXT_CHARS)}`,
    ),
  ];
}
