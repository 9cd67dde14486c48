import type { ChildProcess } from 'node:child_process';
import { findFreePort } from '@safe-checkout/db';
import { BUILT, assertBuilt, startApi, startChaosProxy, startPaymentSandbox, startStorefront } from './built-programs';
import { stopProgram } from './processes';

/** The demo mode of `npm start -- --chaos`, on free loopback ports. */
export interface ChaosStack {
  /** A storefront in demo mode: its API calls go through the proxy, and it shows the chaos panel. */
  storefrontUrl: string;
  /** The proxy between the browser and the API. */
  proxyUrl: string;
  /** Its admin endpoint, `GET`/`PUT`. */
  adminUrl: string;
  /** The admin endpoint of the proxy between the API and the payment sandbox. */
  providerAdminUrl: string;
  stop(): Promise<void>;
}

// As `npm start -- --chaos` sets the provider hop (tools/start.mjs): faults on charges only, the
// Slow answer past the API's 4 s per charge attempt, a seed of its own.
const PROVIDER_FAULT_ROUTES = ['POST /v1/payment_intents'];
const PROVIDER_LATENCY_MS = 4_500;

/**
 * The chaos spec's own stack, on the global setup's database: the payment sandbox from its chaos
 * entry point with a chaos proxy in front of it (the API → provider hop), an API from its chaos
 * entry point charging through that proxy, the chaos proxy in front of the API (the browser → API
 * hop), no faults yet on either, and a second storefront pointed at the first proxy with both
 * admin endpoints. Kept out of the global setup so that the other specs test the ordinary shop and
 * do not pay for it. The sandbox shares the global one's tables, so the probes see its charges.
 */
export async function startChaosStack({ databaseUrl }: { databaseUrl: string }): Promise<ChaosStack> {
  assertBuilt(BUILT.chaosPaymentSandbox, BUILT.chaosApi, BUILT.chaosProxy, BUILT.storefront);
  const programs: ChildProcess[] = [];
  const stop = async () => {
    for (const program of programs.splice(0).reverse()) await stopProgram(program);
  };
  try {
    const [sandboxPort, providerProxyPort, apiPort, proxyPort, webPort] = [
      await findFreePort(),
      await findFreePort(),
      await findFreePort(),
      await findFreePort(),
      await findFreePort(),
    ];
    const storefrontOrigin = `http://127.0.0.1:${webPort}`;
    const sandboxUrl = await startPaymentSandbox(programs, { entry: BUILT.chaosPaymentSandbox, port: sandboxPort, databaseUrl });
    const providerProxyUrl = await startChaosProxy(programs, {
      port: providerProxyPort,
      upstream: sandboxUrl,
      corsOrigin: storefrontOrigin,
      routes: PROVIDER_FAULT_ROUTES,
      latencyMs: PROVIDER_LATENCY_MS,
      seed: 2,
    });
    const apiUrl = await startApi(programs, {
      entry: BUILT.chaosApi,
      port: apiPort,
      databaseUrl,
      paymentProviderUrl: providerProxyUrl,
      corsOrigin: storefrontOrigin,
    });
    const proxyUrl = await startChaosProxy(programs, { port: proxyPort, upstream: apiUrl, corsOrigin: storefrontOrigin });
    const adminUrl = `${proxyUrl}/__chaos`;
    const providerAdminUrl = `${providerProxyUrl}/__chaos`;
    const storefrontUrl = await startStorefront(programs, {
      port: webPort,
      apiUrl: proxyUrl,
      chaosAdminUrl: adminUrl,
      providerChaosAdminUrl: providerAdminUrl,
    });
    return { storefrontUrl, proxyUrl, adminUrl, providerAdminUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
