/**
 * A fault the demo's proxy can inject into one attempt of an order (see the How-this-works page):
 * `request-lost` (the shop never sees it), `server-failure` (the shop fails mid-way and rolls
 * back), `response-lost` (the shop placed the order, the answer is lost) and `latency` (the
 * attempt is held longer than the client waits, then runs anyway).
 */
export type NetworkFault = 'request-lost' | 'server-failure' | 'response-lost' | 'latency';

/** Every {@link NetworkFault}, in the order the chaos panel lists them. */
export const NETWORK_FAULTS: readonly NetworkFault[] = ['request-lost', 'server-failure', 'response-lost', 'latency'];

/** The proxy's settings and what it has done so far, as the chaos panel shows them. */
export interface ChaosStatus {
  /** Chance of each fault per eligible request, in percent (0–100, one decimal); together at most 100. */
  ratePercent: Readonly<Record<NetworkFault, number>>;
  /** How long a `latency` fault holds a request before forwarding it, in milliseconds. */
  latencyMs: number;
  /** The requests that may get a fault, as `"METHOD /path"`, e.g. `POST /orders`. */
  routes: readonly string[];
  /** Faults injected since the proxy started or its counts were reset. */
  injected: Readonly<Record<NetworkFault, number>>;
  /** Requests that went through the proxy, and how many of them were eligible for a fault. */
  requests: number;
  eligible: number;
  /** Requests answered 502 by the proxy because the API could not be reached. */
  upstreamErrors: number;
}

/** A change to the proxy's settings; what is left out stays as it is. */
export interface ChaosChange {
  /** New rates of some faults, in percent (0–100). */
  ratePercent?: Partial<Record<NetworkFault, number>>;
  /** New hold time of the `latency` fault, in milliseconds. */
  latencyMs?: number;
  /** Start counting injected faults from zero. */
  resetCounts?: boolean;
}
