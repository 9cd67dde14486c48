import { type FaultRates, NO_FAULTS, withFaultRates } from './fault-rates';

/** What the proxy injects; read and changed at run time through the admin endpoint. */
export interface ChaosSettings {
  /** Probability of each fault per eligible request. Default: no faults. */
  rates: FaultRates;
  /** Delay of the `latency` fault, in milliseconds. Default 11 000: beyond the retrying client's 10 s attempt timeout. */
  latencyMs: number;
  /** Routes that may get faults, as `"METHOD /path"` (see `isFaultableRoute`). Default `["POST /orders"]`. */
  routes: readonly string[];
  /** Seed of the generator that draws the faults. Default 1. */
  seed: number;
}

export const DEFAULT_CHAOS_SETTINGS: ChaosSettings = {
  rates: NO_FAULTS,
  latencyMs: 11_000,
  routes: ['POST /orders'],
  seed: 1,
};

/** Longest accepted `latencyMs`: two minutes, so a typo cannot park requests for hours. */
export const MAX_LATENCY_MS = 120_000;

const ROUTE = /^[A-Za-z]+ \/\S*$/;

/** A change of settings: every field optional; `resetCounts` zeroes the counters. */
export interface ChaosSettingsPatch {
  rates?: Partial<FaultRates>;
  latencyMs?: number;
  routes?: readonly string[];
  seed?: number;
  resetCounts?: boolean;
}

/**
 * Checks an untrusted patch (the admin endpoint's JSON body) and returns it typed. Throws a
 * `RangeError` that names the first bad field.
 */
export function parseSettingsPatch(body: unknown): ChaosSettingsPatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RangeError('expected a JSON object');
  const patch = body as Record<string, unknown>;
  const unknown = Object.keys(patch).filter((key) => !['rates', 'latencyMs', 'routes', 'seed', 'resetCounts'].includes(key));
  if (unknown.length) throw new RangeError(`unknown field(s): ${unknown.join(', ')}`);
  const { rates, latencyMs, routes, seed, resetCounts } = patch;
  if (rates !== undefined) {
    if (typeof rates !== 'object' || rates === null || Array.isArray(rates)) throw new RangeError('rates must be an object of fault → rate');
    withFaultRates(NO_FAULTS, rates as Record<string, unknown>);
  }
  if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && (latencyMs as number) >= 0 && (latencyMs as number) <= MAX_LATENCY_MS)) {
    throw new RangeError(`latencyMs must be an integer in [0, ${MAX_LATENCY_MS}]`);
  }
  if (routes !== undefined && !(Array.isArray(routes) && routes.every((r) => typeof r === 'string' && ROUTE.test(r)))) {
    throw new RangeError('routes must be an array of "METHOD /path" strings, e.g. "POST /orders" or "PUT /users/*"');
  }
  if (seed !== undefined && !Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (resetCounts !== undefined && typeof resetCounts !== 'boolean') throw new RangeError('resetCounts must be a boolean');
  return patch as ChaosSettingsPatch;
}

/** `current` with `patch` applied; the rates are merged (faults not named keep their rate). */
export function applySettingsPatch(current: ChaosSettings, patch: ChaosSettingsPatch): ChaosSettings {
  return {
    rates: patch.rates ? withFaultRates(current.rates, patch.rates) : current.rates,
    latencyMs: patch.latencyMs ?? current.latencyMs,
    routes: patch.routes ? [...patch.routes] : current.routes,
    seed: patch.seed ?? current.seed,
  };
}
