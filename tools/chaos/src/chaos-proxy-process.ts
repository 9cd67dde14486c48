// The built chaos proxy (apps/chaos-proxy/dist/main.js) as a child process of the soak, and its
// admin endpoint. The soak runs two: one between the customers and the API replicas, one between
// the replicas and the payment sandbox.
import { findFreePort } from '@safe-checkout/db';
import type { ChaosPatch, ChaosSnapshot, FaultRates } from './chaos-admin-wire';
import { startNode, stopChild, waitUntilOk } from './child-processes';

/** No fault at all: what the proxies start with, and go back to after the load. */
export const NO_FAULTS: Readonly<FaultRates> = Object.freeze({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 });

/** How the soak starts one proxy. */
export interface ChaosProxySettings {
  /** Shown in the report and in start-up errors, e.g. "provider proxy". */
  name: string;
  /** Default: a free one. */
  port?: number;
  upstreams: string[];
  /** Routes that may get faults (`CHAOS_ROUTES`), as `"METHOD /path"`. */
  routes: string[];
  /** Seed of its fault decisions. */
  seed: number;
  /** Delay of its latency fault, in ms. */
  latencyMs: number;
}

/** A running proxy. */
export interface ChaosProxyProcess {
  name: string;
  url: string;
  /** SIGKILL. */
  stop: () => Promise<void>;
}

/** Starts a proxy from `script` (apps/chaos-proxy/dist/main.js) on loopback in front of `upstreams`, with no faults yet. */
export async function startChaosProxy(
  script: string,
  { name, port: wanted, upstreams, routes, seed, latencyMs }: ChaosProxySettings,
): Promise<ChaosProxyProcess> {
  const port = wanted ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const proxy = startNode(script, {
    PORT: String(port),
    HOST: '127.0.0.1',
    UPSTREAMS: upstreams.join(','),
    CHAOS_ROUTES: routes.join(','),
    CHAOS_SEED: String(seed),
    CHAOS_LATENCY_MS: String(latencyMs),
    CHAOS_RATES: '',
  });
  try {
    await waitUntilOk(`${url}/__chaos`, 15_000);
  } catch (error) {
    await stopChild(proxy, 'SIGKILL');
    throw new Error(`the ${name} did not start: ${(error as Error).message}\n${proxy.stderrTail()}`);
  }
  return { name, url, stop: () => stopChild(proxy, 'SIGKILL') };
}

/** Reads, or changes with `patch` (`rates`, `latencyMs`, `resetCounts`…), a proxy's settings; resolves to its snapshot. */
export async function chaosAdmin(proxyUrl: string, patch?: ChaosPatch): Promise<ChaosSnapshot> {
  const response = await fetch(
    `${proxyUrl}/__chaos`,
    patch ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) } : {},
  );
  if (!response.ok) throw new Error(`/__chaos answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as ChaosSnapshot;
}
