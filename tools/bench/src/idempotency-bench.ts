// `npm run bench`: what the idempotency layer of POST /orders costs and what it buys, beside no
// layer and beside the nearest NestJS peer, measured against a throwaway database and the built
// API on 127.0.0.1, which charges every order at the built payment sandbox (a process of its own,
// with a database of its own on the same server). Method and caveats: docs/benchmarks.md.
// Progress goes to stderr; stdout is the table, then one summary line.
import { startApiProcess } from './api-process';
import { BENCH_TIMEOUT_MS, CONNECTIONS, loadProducts, ROUND_SECONDS, STORM_PREFER_WAIT_SECONDS, STORM_PROCESSES } from './bench-settings';
import { createFixtures } from './fixtures';
import { measureKeyTable } from './key-table/key-table-bench';
import { keyTableTimeoutMs, loadKeyTableSizes } from './key-table/key-table-settings';
import { printReport } from './report';
import { measureStoreStatements } from './store-statements';
import { measureStorm } from './storm';
import { measureThroughput } from './throughput';
import { runBench, type Cleanup } from './bench-lifecycle';
import { formatTracingCost, measureTracingCost } from './tracing-cost';
import { startBenchStack } from './bench-stack';

// Compiled to tools/bench/dist/.

const log = (message: string) => console.error(`[bench] ${message}`);
const cleanups: Cleanup[] = [];

/** The phases, in order; each registers how to undo what it started. @returns whether our storms were correct. */
async function main(): Promise<boolean> {
  const products = loadProducts();
  const { database, sandbox } = await startBenchStack(cleanups, log);
  const startApi = async (which: string) => {
    log(`starting the ${which} API process…`);
    const api = await startApiProcess(database.url, sandbox.url);
    cleanups.push(() => api.stop());
    return api.url;
  };
  const url = await startApi('first');
  const fixtures = await createFixtures(url, database.url, products);
  cleanups.push(() => fixtures.prisma.$disconnect());
  const throughput = await measureThroughput(url, fixtures, log);
  // Started only now, so that it idles through none of the rounds. The same database: only a
  // store the processes share can tell the second process the key is taken.
  const urls = [url, ...(await Promise.all(Array.from({ length: STORM_PROCESSES - 1 }, (_, i) => startApi(`storm's process ${i + 2}`))))];
  const storm = (target: Parameters<typeof measureStorm>[1]) => {
    log(`storm: ${target.path} on ${target.urls.length} process(es) ${JSON.stringify(target.extraHeaders ?? {})}`);
    return measureStorm(fixtures, target);
  };
  const storms = {
    ours: await storm({ urls: [url], path: '/orders' }),
    // The same storm whose copies ask to wait for the first answer (Prefer: wait, http-contract.md).
    waiting: await storm({ urls: [url], path: '/orders', extraHeaders: { prefer: `wait=${STORM_PREFER_WAIT_SECONDS}` } }),
    ours2p: await storm({ urls, path: '/orders' }),
    peer: await storm({ urls: [url], path: '/bench/orders-peer' }),
    peer2p: await storm({ urls, path: '/bench/orders-peer' }),
  };
  log('store statements: Prisma vs node-postgres, in this process…');
  const storeStatements = await measureStoreStatements(database.url);
  const tracing = await measureTracingCost({ databaseUrl: database.url, paymentProviderUrl: sandbox.url, fixtures, cleanups, log });
  console.log(formatTracingCost(tracing) + '\n');
  // Last: it leaves millions of keys behind, which no other phase should run beside.
  const keyTable = keyTableSizes.length ? await measureKeyTable(url, database.url, fixtures, keyTableSizes, log) : undefined;
  return printReport({ throughput, storms, storeStatements, keyTable, roundSeconds: ROUND_SECONDS, connections: CONNECTIONS, products });
}

const keyTableSizes = loadKeyTableSizes();
runBench({ main, cleanups, log, timeoutMs: BENCH_TIMEOUT_MS + keyTableTimeoutMs(keyTableSizes) });
