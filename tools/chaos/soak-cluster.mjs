// Everything the soak runs against, on loopback: its database, the payment sandbox, two API
// replicas started from the chaos entry point (apps/api/dist/chaos-main.js) charging through the
// sandbox, and the chaos proxy in front of the replicas.
import { existsSync } from 'node:fs';
import path from 'node:path';
import db from '@safe-checkout/db';
import { startNode, stopChild, waitUntilOk } from './child-processes.mjs';
import { startPaymentSandbox } from './payment-sandbox.mjs';
import { startSoakDatabase } from './soak-database.mjs';

export const REPLICA_COUNT = 2;

/** One API process; `restart()` starts it again on the same port after it was killed. */
class ApiReplica {
  /** `env`: the API's variables besides PORT (database, lease, payment provider, recovery). */
  constructor(name, script, port, env) {
    Object.assign(this, { name, script, port, env, url: `http://127.0.0.1:${port}` });
  }

  async start() {
    this.process = startNode(this.script, { ...this.env, PORT: String(this.port), LOG_LEVEL: 'silent' });
    const alive = () => this.process.child.exitCode === null && this.process.child.signalCode === null;
    try {
      await waitUntilOk(`${this.url}/health`, 60_000, alive);
    } catch (error) {
      throw new Error(`${this.name} did not start: ${error.message}\n${this.process.stderrTail()}`);
    }
  }

  /** How the process ended, with the tail of its stderr, or undefined while it runs. */
  death() {
    const { child, stderrTail } = this.process ?? {};
    if (!child || (child.exitCode === null && child.signalCode === null)) return undefined;
    return `exited (${child.signalCode ?? `code ${child.exitCode}`})${stderrTail() ? `; stderr:\n${stderrTail()}` : ''}`;
  }

  /** SIGKILL: no shutdown hooks, transactions cut mid-way, leases left behind. */
  kill() {
    return stopChild(this.process, 'SIGKILL');
  }

  stop() {
    return this.process ? stopChild(this.process, 'SIGKILL') : Promise.resolve();
  }
}

/**
 * Starts the database, the payment sandbox, the replicas and the proxy (no faults yet).
 * `dispose()` stops all of it and deletes the databases; it is safe to call more than once and
 * after a partial start.
 */
export async function startSoakCluster(workspaceRoot, { seed, latencyMs, leaseMs, recoveryAfterSeconds }) {
  const apiScript = path.join(workspaceRoot, 'apps/api/dist/chaos-main.js');
  const proxyScript = path.join(workspaceRoot, 'apps/chaos-proxy/dist/main.js');
  for (const script of [apiScript, proxyScript]) {
    if (!existsSync(script)) throw new Error(`${script} is missing: build first: npx nx run @safe-checkout/chaos-proxy:build (builds the API and the payment sandbox too)`);
  }
  const cluster = { replicas: [], proxy: undefined, database: undefined, paymentSandbox: undefined };
  cluster.dispose = async () => {
    await Promise.all([
      ...cluster.replicas.map((r) => r.stop()),
      cluster.proxy ? stopChild(cluster.proxy, 'SIGKILL') : undefined,
      cluster.paymentSandbox?.stop(),
    ]);
    await cluster.database?.dispose();
    cluster.database = undefined;
  };
  try {
    cluster.database = await startSoakDatabase(workspaceRoot);
    cluster.paymentSandbox = await startPaymentSandbox(workspaceRoot, cluster.database.paymentsUrl);
    // Where the replicas charge. Faults on this hop (a second proxy between the replicas and the
    // sandbox) would go in here: the replicas only know this URL.
    cluster.paymentProviderUrl = cluster.paymentSandbox.url;
    const replicaEnv = {
      DATABASE_URL: cluster.database.url,
      IDEMPOTENCY_LEASE_MS: String(leaseMs),
      PAYMENT_PROVIDER_URL: cluster.paymentProviderUrl,
      CHECKOUT_RECOVERY_AFTER_SECONDS: String(recoveryAfterSeconds),
    };
    for (let i = 1; i <= REPLICA_COUNT; i++) {
      cluster.replicas.push(new ApiReplica(`api-${i}`, apiScript, await db.findFreePort(), replicaEnv));
    }
    await Promise.all(cluster.replicas.map((replica) => replica.start()));
    const proxyPort = await db.findFreePort();
    cluster.proxyUrl = `http://127.0.0.1:${proxyPort}`;
    cluster.proxy = startNode(proxyScript, {
      PORT: String(proxyPort),
      HOST: '127.0.0.1',
      UPSTREAMS: cluster.replicas.map((r) => r.url).join(','),
      CHAOS_SEED: String(seed),
      CHAOS_LATENCY_MS: String(latencyMs),
      CHAOS_RATES: '',
    });
    await waitUntilOk(`${cluster.proxyUrl}/__chaos`, 15_000).catch((error) => {
      throw new Error(`the chaos proxy did not start: ${error.message}\n${cluster.proxy.stderrTail()}`);
    });
    return cluster;
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
}

/** Reads or changes the proxy's settings through its admin endpoint. */
export async function chaosAdmin(proxyUrl, patch) {
  const response = await fetch(`${proxyUrl}/__chaos`, patch ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) } : {});
  if (!response.ok) throw new Error(`/__chaos answered ${response.status}: ${await response.text()}`);
  return response.json();
}
