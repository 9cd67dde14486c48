import { DEFAULT_CHAOS_SETTINGS, parseSettingsPatch, type ChaosSettings } from './chaos-settings';
import { parseFaultRates } from './fault-rates';

/** The proxy's configuration, read once from the environment at start-up. */
export interface ChaosProxyConfig {
  /** `PORT`, default 3334 (the API's port plus one). */
  port: number;
  /** `HOST`, default `127.0.0.1`: loopback only, this is a test tool. */
  host: string;
  /** `UPSTREAMS`: comma-separated API origins, default `http://127.0.0.1:3333`. */
  upstreams: string[];
  /**
   * `CHAOS_RATES` (`request-lost=0.1,server-failure=0.1,response-lost=0.1,latency=0.02`, default
   * none), `CHAOS_LATENCY_MS` (default 11 000), `CHAOS_ROUTES` (comma-separated, default
   * `POST /orders`), `CHAOS_SEED` (default 1).
   */
  settings: ChaosSettings;
  /**
   * `CORS_ORIGINS` allowed to call the admin endpoint; default the storefront's origins,
   * `http://localhost:<STOREFRONT_PORT>` and `http://127.0.0.1:<STOREFRONT_PORT>` (port default
   * 4200), as the API derives them (apps/api/src/config/cors-origins.ts).
   */
  corsOrigins: string[];
}

/** Reads and validates the environment; throws one error listing every bad variable. */
export function readChaosProxyConfig(env: NodeJS.ProcessEnv = process.env): ChaosProxyConfig {
  const errors: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    try {
      return parse(raw);
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
      return fallback;
    }
  };
  const list = (raw: string) =>
    raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const integer = (raw: string) => {
    if (!/^\d+$/.test(raw)) throw new RangeError(`expected a whole number, got "${raw}"`);
    return Number(raw);
  };
  const port = (raw: string) => {
    const value = integer(raw);
    if (value < 1 || value > 65_535) throw new RangeError(`expected a port from 1 to 65535, got "${raw}"`);
    return value;
  };
  const patch = (field: string) => (value: unknown) => parseSettingsPatch({ [field]: value });
  const config: ChaosProxyConfig = {
    port: read('PORT', 3334, integer),
    host: read('HOST', '127.0.0.1', (raw) => raw),
    upstreams: read('UPSTREAMS', ['http://127.0.0.1:3333'], (raw) => list(raw).map((origin) => new URL(origin).origin)),
    settings: {
      rates: read('CHAOS_RATES', DEFAULT_CHAOS_SETTINGS.rates, parseFaultRates),
      latencyMs: read('CHAOS_LATENCY_MS', DEFAULT_CHAOS_SETTINGS.latencyMs, (raw) => patch('latencyMs')(integer(raw)).latencyMs!),
      routes: read('CHAOS_ROUTES', DEFAULT_CHAOS_SETTINGS.routes, (raw) => patch('routes')(list(raw)).routes!),
      seed: read('CHAOS_SEED', DEFAULT_CHAOS_SETTINGS.seed, integer),
    },
    corsOrigins: read('CORS_ORIGINS', storefrontOrigins(read('STOREFRONT_PORT', 4200, port)), list),
  };
  if (errors.length) throw new Error(`Invalid configuration:\n- ${errors.join('\n- ')}`);
  return config;
}

// The origins a browser shows for a storefront served on `port` of this machine.
function storefrontOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}
