// `npm run bench:capacity`: does the checkout keep its throughput beside cheap abusive traffic, and
// does recovery keep its promise under a backlog? Against a throwaway database, the
// payment sandbox and two API processes as deployed (apps/api/dist/main.js), all on 127.0.0.1:
// checkouts alone, then beside each abuse in turn (each bracketed by windows alone), then a process
// killed -9 with checkouts in flight. Progress on stderr; stdout is the report, its last line the
// summary. `--quick` (or CAPACITY_QUICK=1) for a smoke run. Method: docs/benchmarks.md "Capacity".
import type { Abuse } from './capacity/abuse';
import { startApiMainProcess } from './capacity/api-main-process';
import { createCapacityFixtures } from './capacity/capacity-fixtures';
import { printCapacityReport, type BesideRun } from './capacity/capacity-report';
import { readCapacitySettings } from './capacity/capacity-settings';
import { runCheckoutLoad, type CheckoutLoadResult } from './capacity/checkout-load';
import { fatBodyFlood, listLoops, loginFlood } from './capacity/http-abuses';
import { measureRecoveryBacklog } from './capacity/recovery-backlog';
import { slowSockets } from './capacity/slow-sockets';
import { waiterStorm } from './capacity/waiter-storm';
import { windowCpuMeter, type WindowCpu } from './capacity/window-cpu';
import { runBench, type Cleanup } from './bench-lifecycle';
import { startBenchStack, WORKSPACE_ROOT } from './bench-stack';

/** A default run takes about 6 minutes on 2 busy cores; past this something hangs. */
const CAPACITY_TIMEOUT_MS = 15 * 60_000;

const log = (message: string) => console.error(`[bench:capacity] ${message}`);
const cleanups: Cleanup[] = [];
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

// Resolves true once the report is printed: the figures are the result, read against their targets in docs/benchmarks.md.
async function main(): Promise<boolean> {
  const settings = readCapacitySettings();
  log(`settings: ${JSON.stringify(settings)}`);
  const { database, sandbox, paymentsUrl } = await startBenchStack(cleanups, log);
  const startApi = async (env: Record<string, string>) => {
    const api = await startApiMainProcess(WORKSPACE_ROOT, { DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url, ...env });
    cleanups.push(() => api.stop());
    return api;
  };
  log('starting two API processes…');
  const apis = await Promise.all([startApi({}), startApi({})]);
  const urls = apis.map((api) => api.url);
  log('fixtures: users, products, the list user’s order history…');
  const fixtures = await createCapacityFixtures(urls, database.url, settings);
  cleanups.push(() => fixtures.prisma.$disconnect());
  const allAbuses: Abuse[] = [
    loginFlood(urls, fixtures, settings),
    fatBodyFlood(urls, settings),
    listLoops(urls, fixtures, settings),
    slowSockets(urls, settings),
    waiterStorm(urls, fixtures, settings),
  ];
  const abuses = allAbuses.filter((abuse) => settings.abuses.includes(abuse.name));
  // Each window's CPU by process, and a CPU profile of it in each API process when
  // CAPACITY_CPU_PROFILE_DIR asks for them.
  const startCpu = await windowCpuMeter({ apiPids: apis.map((api) => api.pid), sandboxPort: Number(new URL(sandbox.url).port), prisma: fixtures.prisma });
  const windowCpus: WindowCpu[] = [];
  const profiled = async <T>(name: string, window: () => Promise<T>): Promise<T> => {
    for (const api of apis) api.startCpuProfile();
    const stopCpu = startCpu();
    const result = await window();
    windowCpus.push(stopCpu());
    await Promise.all(apis.map((api) => api.stopCpuProfile(name)));
    return result;
  };
  const seconds = settings.scenarioSeconds;
  const alone = async (n: number) => {
    log(`checkouts alone (${n}), ${seconds} s…`);
    const load = await profiled(`alone-${n}`, () => runCheckoutLoad(urls, fixtures, settings.checkoutConnections, seconds));
    await sleep(settings.settleSeconds);
    return load;
  };
  log('warm-up…');
  await runCheckoutLoad(urls, fixtures, settings.checkoutConnections, settings.warmupSeconds);
  const alones: CheckoutLoadResult[] = [await alone(1)];
  const besides: BesideRun[] = [];
  for (const abuse of abuses) {
    log(`checkouts beside ${abuse.name}: ${abuse.description}, ${seconds} s…`);
    const [load, result] = await profiled(abuse.name, () =>
      Promise.all([runCheckoutLoad(urls, fixtures, settings.checkoutConnections, seconds), abuse.run(seconds)]),
    );
    besides.push({ abuse, load, result });
    await sleep(settings.settleSeconds);
    alones.push(await alone(alones.length + 1));
  }
  // Their recovery delay is the default; the recovery scenario starts processes of its own.
  log('stopping the two capacity API processes…');
  await Promise.all(apis.map((api) => api.stop()));
  const recovery = settings.recovery
    ? await measureRecoveryBacklog(startApi, { url: sandbox.url, databaseName: databaseNameOf(paymentsUrl) }, fixtures, settings, log)
    : undefined;
  printCapacityReport(alones, besides, recovery, seconds, windowCpus);
  return true;
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

runBench({ main, cleanups, log, timeoutMs: CAPACITY_TIMEOUT_MS });
