// Everything the soak runs against, on loopback: its database; the payment sandbox (chaos entry
// point); a chaos proxy in front of it, the provider hop; two API replicas started from the chaos
// entry point (apps/api/dist/chaos-main.js) charging through that proxy; and a chaos proxy in front
// of the replicas, the customers' hop, which the sandbox's webhook deliveries take too (the webhook
// hop: the proxy's faults on top of the sandbox's own delivery faults).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@safe-checkout/db';
import { ApiReplica } from './api-replica';
import { startChaosProxy, type ChaosProxyProcess } from './chaos-proxy-process';
import { databaseUrlOfWriter, recordKeyWriters } from './key-writers';
import { startPaymentSandbox, type PaymentSandbox } from './payment-sandbox';
import { startSoakDatabase, type SoakDatabase } from './soak-database';
import { createWebhookEndpoint } from './webhook-endpoints';

export const REPLICA_COUNT = 2;

/**
 * How the sandbox delivers webhooks in the soak (payments.md §5): retries within 2 s rather than
 * its default minute, so that the outbox drains within the run; and the chaos entry point's
 * delivery faults: 10 % of attempts dropped, 30 % sent three times at once, 20 % held 1 s, and
 * events created within 500 ms of each other delivered newest first.
 */
export const SOAK_WEBHOOK_DELIVERY_ENV: Readonly<Record<string, string>> = {
  PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS: '200',
  PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS: '2000',
  PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS: '3000',
  PAYMENT_SANDBOX_WEBHOOK_MAX_ATTEMPTS: '40',
  PAYMENT_SANDBOX_WEBHOOK_CHAOS_DROP_RATE: '0.1',
  PAYMENT_SANDBOX_WEBHOOK_CHAOS_DUPLICATE_RATE: '0.3',
  PAYMENT_SANDBOX_WEBHOOK_CHAOS_DUPLICATE_COPIES: '3',
  PAYMENT_SANDBOX_WEBHOOK_CHAOS_DELAY_RATE: '0.2',
  PAYMENT_SANDBOX_WEBHOOK_CHAOS_DELAY_MS: '1000',
  PAYMENT_SANDBOX_WEBHOOK_CHAOS_REORDER_WINDOW_MS: '500',
};

/** The routes the customer proxy injects faults into: the customers' orders and the sandbox's webhook deliveries. */
export const CUSTOMER_FAULT_ROUTES = ['POST /orders', 'POST /webhooks/payments'];

/** The only route of the sandbox that charges: faults on the provider hop hit charges, not reads. */
export const PROVIDER_FAULT_ROUTES = ['POST /v1/payment_intents'];

/** How the soak sets up its cluster. */
export interface SoakClusterSettings {
  /** Seed of the customer proxy's faults; the provider proxy's is one more. */
  seed: number;
  /** The customer proxy's latency fault, in ms. */
  latencyMs: number;
  /** The provider proxy's latency fault, in ms. */
  providerLatencyMs: number;
  /** The replicas' IDEMPOTENCY_LEASE_MS. */
  leaseMs: number;
  /** The replicas' CHECKOUT_RECOVERY_AFTER_SECONDS. */
  recoveryAfterSeconds: number;
  /** Where the naive webhook receiver listens: the sandbox delivers the same events to it. */
  naiveWebhookUrl: string;
}

/** Everything the soak runs against, started. */
export interface SoakCluster {
  database: SoakDatabase;
  paymentSandbox: PaymentSandbox;
  replicas: ApiReplica[];
  /** The provider proxy, then the customer proxy. */
  proxies: ChaosProxyProcess[];
  /** The provider proxy: where the replicas charge. */
  providerProxyUrl: string;
  /** The customer proxy: where the customers send their orders. */
  proxyUrl: string;
  /** The shop's webhook endpoint as registered at the sandbox: through the customer proxy. */
  shopWebhookUrl: string;
  /** Stops all of it and deletes the databases; safe to call more than once. */
  dispose: () => Promise<void>;
}

/**
 * Starts the database, the payment sandbox, the provider proxy, the replicas and the customers'
 * proxy (no faults yet). If anything fails to start, what was started is stopped and deleted
 * before the error is thrown.
 */
export async function startSoakCluster(
  workspaceRoot: string,
  { seed, latencyMs, providerLatencyMs, leaseMs, recoveryAfterSeconds, naiveWebhookUrl }: SoakClusterSettings,
): Promise<SoakCluster> {
  const apiScript = path.join(workspaceRoot, 'apps/api/dist/chaos-main.js');
  const proxyScript = path.join(workspaceRoot, 'apps/chaos-proxy/dist/main.js');
  for (const script of [apiScript, proxyScript]) {
    if (!existsSync(script))
      throw new Error(`${script} is missing: build first: npx nx run @safe-checkout/chaos:build (builds the API, the payment sandbox and the chaos proxy too)`);
  }
  const started: { replicas: ApiReplica[]; proxies: ChaosProxyProcess[]; database?: SoakDatabase; paymentSandbox?: PaymentSandbox } = {
    replicas: [],
    proxies: [],
  };
  const dispose = async () => {
    await Promise.all([...started.replicas.map((r) => r.stop()), ...started.proxies.map((p) => p.stop()), started.paymentSandbox?.stop()]);
    await started.database?.dispose();
    started.database = undefined;
  };
  try {
    const database = await startSoakDatabase(workspaceRoot);
    started.database = database;
    await recordKeyWriters(database.url);
    // The replicas need the secret of the shop's webhook endpoint, which the sandbox makes when the
    // endpoint is registered: the sandbox starts first, then the replicas, then the proxies.
    const providerProxyPort = await findFreePort();
    const providerProxyUrl = `http://127.0.0.1:${providerProxyPort}`;
    const proxyPort = await findFreePort();
    const shopWebhookUrl = `http://127.0.0.1:${proxyPort}/webhooks/payments`;
    const paymentSandbox = await startPaymentSandbox(workspaceRoot, database.paymentsUrl, { entry: 'chaos-main.js', env: { ...SOAK_WEBHOOK_DELIVERY_ENV } });
    started.paymentSandbox = paymentSandbox;
    const webhookSecret = await createWebhookEndpoint(paymentSandbox.url, shopWebhookUrl);
    await createWebhookEndpoint(paymentSandbox.url, naiveWebhookUrl);
    const replicaEnv = {
      IDEMPOTENCY_LEASE_MS: String(leaseMs),
      PAYMENT_PROVIDER_URL: providerProxyUrl,
      PAYMENT_WEBHOOK_SECRET: webhookSecret,
      CHECKOUT_RECOVERY_AFTER_SECONDS: String(recoveryAfterSeconds),
    };
    for (let i = 1; i <= REPLICA_COUNT; i++) {
      const name = `api-${i}`;
      // Its name as the connections' application_name: the key writers' trigger records it.
      const env = { ...replicaEnv, DATABASE_URL: databaseUrlOfWriter(database.url, name) };
      started.replicas.push(new ApiReplica(name, apiScript, await findFreePort(), env));
    }
    await Promise.all(started.replicas.map((replica) => replica.start()));
    // A seed of its own, so that the two hops do not draw the same sequence of faults.
    started.proxies.push(
      await startChaosProxy(proxyScript, {
        name: 'provider proxy',
        port: providerProxyPort,
        upstreams: [paymentSandbox.url],
        routes: PROVIDER_FAULT_ROUTES,
        seed: seed + 1,
        latencyMs: providerLatencyMs,
      }),
    );
    const proxy = await startChaosProxy(proxyScript, {
      name: 'customer proxy',
      port: proxyPort,
      upstreams: started.replicas.map((r) => r.url),
      routes: CUSTOMER_FAULT_ROUTES,
      seed,
      latencyMs,
    });
    started.proxies.push(proxy);
    return { database, paymentSandbox, replicas: started.replicas, proxies: started.proxies, providerProxyUrl, proxyUrl: proxy.url, shopWebhookUrl, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
