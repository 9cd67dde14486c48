// The chaos proxy's admin endpoint (`GET`/`PUT /__chaos`) as apps/chaos-proxy answers and accepts
// it (its chaos-settings.ts and chaos-state.ts): a wire format, so the soak keeps its own copy
// rather than reaching into an app's sources.

/** The proxy's faults, in the order of its FAULT_KINDS. */
export const FAULT_KINDS = ['request-lost', 'server-failure', 'response-lost', 'latency'] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Probability of each fault per eligible request, in [0, 1]. */
export type FaultRates = Record<FaultKind, number>;

/** What the proxy saw and did since it started or its counts were last reset. */
export type ChaosCounts = Record<'requests' | 'eligible' | FaultKind | 'upstream-errors', number>;

/** `GET /__chaos`, and the answer of a successful `PUT`. */
export interface ChaosSnapshot {
  rates: FaultRates;
  /** Delay of the `latency` fault, in ms. */
  latencyMs: number;
  routes: string[];
  seed: number;
  counts: ChaosCounts;
}

/** The body of `PUT /__chaos`: every field optional; rates not named keep their value. */
export interface ChaosPatch {
  rates?: Partial<FaultRates>;
  latencyMs?: number;
  routes?: readonly string[];
  seed?: number;
  /** Zeroes the counts. */
  resetCounts?: boolean;
}
