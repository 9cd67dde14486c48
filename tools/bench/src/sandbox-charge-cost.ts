// `node tools/bench/dist/sandbox-charge-cost.js`: what one charge costs the payment sandbox and
// PostgreSQL, in CPU time (user + system, from /proc, so Linux only). The recovery drain sends a
// backlog's charges to one sandbox process (docs/benchmarks.md "Capacity", recovery); this is its
// cost per charge, in figures a busy machine barely moves. The built sandbox
// (apps/payment-sandbox/dist/main.js) on a throwaway database, `POST /v1/payment_intents` as the
// API sends it (form body, a derived Idempotency-Key each, confirm=true), closed-loop at the
// recovery drain's concurrency (two processes × 8), after as many charges of warm-up.
import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import { PROVIDER_SECRET_KEY } from '@safe-checkout/chaos';
import { createPrismaClient } from '@safe-checkout/db';
import { cpuMs, parentPid, pidWithEnvironment, postgresServerCpuMs } from './capacity/process-cpu';
import { measureCpuPerRequest, microsecondsEach, sendClosedLoop } from './capacity/cpu-per-request';
import { runBench, type Cleanup } from './bench-lifecycle';
import { startBenchStack } from './bench-stack';

const TIMEOUT_MS = 10 * 60_000;
/** `SANDBOX_CHARGE_COUNT`: charges measured (after as many of warm-up). */
const COUNT = Number(process.env.SANDBOX_CHARGE_COUNT ?? 2000);
/** The recovery drain's charges in flight: two API processes × CHECKOUT_RECOVERY_CONCURRENCY (8). */
const CONNECTIONS = 16;

const log = (message: string) => console.error(`[bench:sandbox-charge-cost] ${message}`);
const cleanups: Cleanup[] = [];

async function main(): Promise<boolean> {
  const { sandbox, paymentsUrl } = await startBenchStack(cleanups, log);
  const sandboxPid = pidWithEnvironment('PAYMENT_SANDBOX_PORT', new URL(sandbox.url).port);
  if (sandboxPid === undefined) throw new Error('the sandbox process was not found in /proc');
  const prisma = createPrismaClient({ databaseUrl: paymentsUrl, poolSize: 1 });
  cleanups.push(() => prisma.$disconnect());
  const [{ pid: backend }] = await prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const postmaster = parentPid(backend) as number;

  const charge = (): autocannon.Request => {
    const orderId = randomUUID();
    return {
      method: 'POST',
      path: '/v1/payment_intents',
      headers: {
        authorization: `Bearer ${PROVIDER_SECRET_KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': `safe-checkout-order-${orderId}`,
      },
      body: new URLSearchParams({ amount: '1999', currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true', 'metadata[order_id]': orderId }).toString(),
    };
  };
  const charges = { url: sandbox.url, connections: CONNECTIONS, request: charge };
  log(`warm-up: ${COUNT} charges…`);
  await sendClosedLoop(charges, COUNT);
  log(`measuring: ${COUNT} charges, ${CONNECTIONS} at a time…`);
  const run = await measureCpuPerRequest(charges, COUNT, { sandbox: () => cpuMs(sandboxPid), postgres: () => postgresServerCpuMs(postmaster) });
  const per = (ms: number) => microsecondsEach(ms, run.requests);
  console.log(
    `CPU per charge (user + system): sandbox ${per(run.spentMs.sandbox)}, PostgreSQL ${per(run.spentMs.postgres)}; ${run.statuses}; ${run.errors} errors`,
  );
  return true;
}

runBench({ main, cleanups, log, timeoutMs: TIMEOUT_MS });
