// Everything the soak runs against, on loopback: its database; the payment sandbox (chaos entry
// point); a chaos proxy in front of it, the provider hop; two API replicas started from the chaos
// entry point (apps/api/dist/chaos-main.js) charging through that proxy; and a chaos proxy in front
// of the replicas, the customers' hop.
import { existsSync } from 'node:fs';
import path from 'node:path';
import db from '@safe-checkout/db';
import { ApiReplica } from './api-replica.mjs';
import { startChaosProxy } from './chaos-proxy-process.mjs';
import { databaseUrlOfWriter, recordKeyWriters } from './key-writers.mjs';
import { startPaymentSandbox } from './payment-sandbox.mjs';
import { startSoakDatabase } from './soak-database.mjs';

export const REPLICA_COUNT = 2;

/** The only route of the sandbox that charges: faults on the provider hop hit charges, not reads. */
export const PROVIDER_FAULT_ROUTES = ['POST /v1/payment_intents'];

/**
 * Starts the database, the payment sandbox, the provider proxy, the replicas and the customers'
 * proxy (no faults yet). `latencyMs` and `providerLatencyMs` are the proxies' latency faults.
 * `dispose()` stops all of it and deletes the databases; it is safe to call more than once and
 * after a partial start.
 */
export async function startSoakCluster(workspaceRoot, { seed, latencyMs, providerLatencyMs, leaseMs, recoveryAfterSeconds }) {
  const apiScript = path.join(workspaceRoot, 'apps/api/dist/chaos-main.js');
  const proxyScript = path.join(workspaceRoot, 'apps/chaos-proxy/dist/main.js');
  for (const script of [apiScript, proxyScript]) {
    if (!existsSync(script)) throw new Error(`${script} is missing: build first: npx nx run @safe-checkout/chaos-proxy:build (builds the API and the payment sandbox too)`);
  }
  const cluster = { replicas: [], proxies: [], database: undefined, paymentSandbox: undefined };
  cluster.dispose = async () => {
    await Promise.all([...cluster.replicas.map((r) => r.stop()), ...cluster.proxies.map((p) => p.stop()), cluster.paymentSandbox?.stop()]);
    await cluster.database?.dispose();
    cluster.database = undefined;
  };
  try {
    cluster.database = await startSoakDatabase(workspaceRoot);
    await recordKeyWriters(cluster.database.url);
    // The replicas only reach the provider once they charge: they start while the sandbox does,
    // told where the provider proxy will listen.
    const providerProxyPort = await db.findFreePort();
    cluster.providerProxyUrl = `http://127.0.0.1:${providerProxyPort}`;
    const replicaEnv = {
      IDEMPOTENCY_LEASE_MS: String(leaseMs),
      PAYMENT_PROVIDER_URL: cluster.providerProxyUrl,
      CHECKOUT_RECOVERY_AFTER_SECONDS: String(recoveryAfterSeconds),
    };
    for (let i = 1; i <= REPLICA_COUNT; i++) {
      const name = `api-${i}`;
      // Its name as the connections' application_name: the key writers' trigger records it.
      const env = { ...replicaEnv, DATABASE_URL: databaseUrlOfWriter(cluster.database.url, name) };
      cluster.replicas.push(new ApiReplica(name, apiScript, await db.findFreePort(), env));
    }
    const sandboxStarted = startPaymentSandbox(workspaceRoot, cluster.database.paymentsUrl, { entry: 'chaos-main.js' }).then((sandbox) => (cluster.paymentSandbox = sandbox));
    await Promise.all([sandboxStarted, ...cluster.replicas.map((replica) => replica.start())]);
    // A seed of its own, so that the two hops do not draw the same sequence of faults.
    cluster.proxies.push(
      await startChaosProxy(proxyScript, {
        name: 'provider proxy',
        port: providerProxyPort,
        upstreams: [cluster.paymentSandbox.url],
        routes: PROVIDER_FAULT_ROUTES,
        seed: seed + 1,
        latencyMs: providerLatencyMs,
      }),
    );
    const proxy = await startChaosProxy(proxyScript, {
      name: 'customer proxy',
      upstreams: cluster.replicas.map((r) => r.url),
      routes: ['POST /orders'],
      seed,
      latencyMs,
    });
    cluster.proxies.push(proxy);
    cluster.proxyUrl = proxy.url;
    return cluster;
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
}
