import type { ChildProcess } from 'node:child_process';
import { findFreePort } from '@safe-checkout/db';
import { BUILT, assertBuilt, startApi, startChaosProxy, startStorefront } from './built-programs';
import { stopProgram } from './processes';

/** The demo mode of `npm start -- --chaos`, on free loopback ports. */
export interface ChaosStack {
  /** A storefront in demo mode: its API calls go through the proxy, and it shows the chaos panel. */
  storefrontUrl: string;
  proxyUrl: string;
  /** The proxy's admin endpoint, `GET`/`PUT`. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The chaos spec's own stack, on the global setup's database and payment sandbox: an API from
 * its chaos entry point (charging through that sandbox), the chaos proxy in front of it (no faults yet), and a second storefront pointed at the
 * proxy. Kept out of the global setup so that the other specs test the ordinary shop and do not
 * pay for it.
 */
export async function startChaosStack({ databaseUrl, paymentProviderUrl }: { databaseUrl: string; paymentProviderUrl: string }): Promise<ChaosStack> {
  assertBuilt(BUILT.chaosApi, BUILT.chaosProxy, BUILT.storefront);
  const programs: ChildProcess[] = [];
  const stop = async () => {
    for (const program of programs.splice(0).reverse()) await stopProgram(program);
  };
  try {
    const [apiPort, proxyPort, webPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
    const storefrontOrigin = `http://127.0.0.1:${webPort}`;
    const apiUrl = await startApi(programs, { entry: BUILT.chaosApi, port: apiPort, databaseUrl, paymentProviderUrl, corsOrigin: storefrontOrigin });
    const proxyUrl = await startChaosProxy(programs, { port: proxyPort, upstream: apiUrl, corsOrigin: storefrontOrigin });
    const adminUrl = `${proxyUrl}/__chaos`;
    const storefrontUrl = await startStorefront(programs, { port: webPort, apiUrl: proxyUrl, chaosAdminUrl: adminUrl });
    return { storefrontUrl, proxyUrl, adminUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
