// `node tools/bench/dist/capacity-request-cost.js`: what one answer of each capacity abuse costs the
// API process, in CPU time (user + system, from /proc, so Linux only), beside a checkout's. The
// capacity ratios say whether the checkout keeps its throughput on a shared machine; this says why,
// in figures a busy machine barely moves: the process's CPU time is its own, whoever else runs.
// One API process (apps/api/dist/main.js), the payment sandbox, a throwaway database; each kind of
// request is sent closed-loop for a fixed count after a warm-up, and its CPU divided by the count.
import type autocannon from 'autocannon';
import { startApiMainProcess } from './capacity/api-main-process';
import { measureCpuPerRequest, microsecondsEach, sendClosedLoop } from './capacity/cpu-per-request';
import { cpuMs } from './capacity/process-cpu';
import { createCapacityFixtures } from './capacity/capacity-fixtures';
import { readCapacitySettings } from './capacity/capacity-settings';
import { fatLoginBody } from './capacity/http-abuses';
import { newIdempotencyKey } from './load';
import { runBench, type Cleanup } from './bench-lifecycle';
import { startBenchStack, WORKSPACE_ROOT } from './bench-stack';

const TIMEOUT_MS = 20 * 60_000;
/** `REQUEST_COST_COUNT`: requests measured per kind of abuse (after as many again of warm-up); checkouts, a tenth. */
const COUNT = Number(process.env.REQUEST_COST_COUNT ?? 2000);

const log = (message: string) => console.error(`[bench:request-cost] ${message}`);
const cleanups: Cleanup[] = [];

async function main(): Promise<boolean> {
  const settings = { ...readCapacitySettings(['--quick']), users: 4, waiterKeys: 1 };
  const { database, sandbox } = await startBenchStack(cleanups, log);
  // The list user may read exactly the list kind's warm-up and measured pages in the hour: the
  // kind after it reads past the limit, so it measures the refusal.
  const api = await startApiMainProcess(WORKSPACE_ROOT, {
    DATABASE_URL: database.url,
    PAYMENT_PROVIDER_URL: sandbox.url,
    WRITES_PER_USER: '1000000',
    READS_PER_USER: String(2 * COUNT),
    READS_PER_USER_WINDOW_SECONDS: '3600',
  });
  cleanups.push(() => api.stop());
  const fixtures = await createCapacityFixtures([api.url], database.url, settings);
  cleanups.push(() => fixtures.prisma.$disconnect());

  let attempt = 0;
  const kinds: { name: string; profile: string; request: () => autocannon.Request; connections: number; count?: number }[] = [
    {
      name: 'checkout (POST /orders, 201)',
      profile: 'checkout',
      connections: 4,
      count: Math.ceil(COUNT / 10),
      request: () => ({
        method: 'POST',
        path: '/orders',
        headers: {
          authorization: `Bearer ${fixtures.checkoutUsers[attempt++ % fixtures.checkoutUsers.length].accessToken}`,
          'content-type': 'application/json',
          'idempotency-key': newIdempotencyKey(),
        },
        body: JSON.stringify(fixtures.nextOrderBody()),
      }),
    },
    {
      name: 'login, wrong password (POST /auth/login)',
      profile: 'login',
      connections: 8,
      request: () => ({
        method: 'POST',
        path: '/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: attempt++ % 2 ? fixtures.floodTargetEmail : `nobody-${attempt}@example.com`, password: `wrong-${attempt}` }),
      }),
    },
    {
      name: `fat body, ${settings.fatBodyMembers} extra members (POST /auth/login)`,
      profile: 'fat_body',
      connections: 4,
      request: () => ({ method: 'POST', path: '/auth/login', headers: { 'content-type': 'application/json' }, body: fatLoginBody(settings.fatBodyMembers) }),
    },
    {
      name: `order list, ${settings.listOrders} orders (GET /orders)`,
      profile: 'list',
      connections: 4,
      request: () => ({ method: 'GET', path: '/orders', headers: { authorization: `Bearer ${fixtures.listUser.accessToken}` } }),
    },
    {
      name: 'order list past the read limit (GET /orders, 429)',
      profile: 'list_refused',
      connections: 4,
      request: () => ({ method: 'GET', path: '/orders', headers: { authorization: `Bearer ${fixtures.listUser.accessToken}` } }),
    },
  ];
  console.log(`API process CPU per answer (user + system), after as many answers of warm-up`);
  for (const kind of kinds) {
    // Never fewer requests than connections: autocannon refuses that (a small REQUEST_COST_COUNT).
    const count = Math.max(kind.connections, kind.count ?? COUNT);
    const requests = { url: api.url, connections: kind.connections, request: kind.request };
    log(`${kind.name}: warm-up…`);
    await sendClosedLoop(requests, count);
    // With CAPACITY_CPU_PROFILE_DIR, a profile of the measured requests: <profile>-<pid>.cpuprofile.
    api.startCpuProfile();
    const run = await measureCpuPerRequest(requests, count, { api: () => cpuMs(api.pid) });
    await api.stopCpuProfile(kind.profile);
    console.log(`${microsecondsEach(run.spentMs.api, run.requests).padStart(9)}  ${kind.name}: ${run.statuses}${run.errors ? `, errors ${run.errors}` : ''}`);
  }
  return true;
}

runBench({ main, cleanups, log, timeoutMs: TIMEOUT_MS });
