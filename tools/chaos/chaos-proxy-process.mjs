// The built chaos proxy (apps/chaos-proxy/dist/main.js) as a child process of the soak, and its
// admin endpoint. The soak runs two: one between the customers and the API replicas, one between
// the replicas and the payment sandbox.
import db from '@safe-checkout/db';
import { startNode, stopChild, waitUntilOk } from './child-processes.mjs';

/** No fault at all: what the proxies start with, and go back to after the load. */
export const NO_FAULTS = Object.freeze({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 });

/**
 * Starts a proxy on loopback in front of `upstreams`, with no faults yet.
 * @param {string} script apps/chaos-proxy/dist/main.js
 * @param {{ name: string, port?: number, upstreams: string[], routes: string[], seed: number, latencyMs: number }} settings
 *   `port` (default: a free one), `routes` that may get faults (`CHAOS_ROUTES`), the seed of its
 *   decisions, the delay of its latency fault in ms
 * @returns {Promise<{ name: string, url: string, stop: () => Promise<void> }>}
 */
export async function startChaosProxy(script, { name, port: wanted, upstreams, routes, seed, latencyMs }) {
  const port = wanted ?? (await db.findFreePort());
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
    throw new Error(`the ${name} did not start: ${error.message}\n${proxy.stderrTail()}`);
  }
  return { name, url, stop: () => stopChild(proxy, 'SIGKILL') };
}

/** Reads, or changes with `patch` (`rates`, `latencyMs`, `resetCounts`…), a proxy's settings; resolves to its snapshot. */
export async function chaosAdmin(proxyUrl, patch) {
  const response = await fetch(`${proxyUrl}/__chaos`, patch ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) } : {});
  if (!response.ok) throw new Error(`/__chaos answered ${response.status}: ${await response.text()}`);
  return response.json();
}
