import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startProgram, waitUntilReady } from './processes';

const ROOT = path.resolve(__dirname, '../../../..');
const STOREFRONT = path.join(ROOT, 'apps/storefront');
const NEXT_CLI = require.resolve('next/dist/bin/next', { paths: [STOREFRONT] });

/** The built programs the browser tests run: `storefront:test` builds them first. */
export const BUILT = {
  api: path.join(ROOT, 'apps/api/dist/main.js'),
  /** The API that honours the proxy's `X-Chaos-Fault: server-failure`. */
  chaosApi: path.join(ROOT, 'apps/api/dist/chaos-main.js'),
  chaosProxy: path.join(ROOT, 'apps/chaos-proxy/dist/main.js'),
  /** The payment provider sandbox every API charges through. */
  paymentSandbox: path.join(ROOT, 'apps/payment-sandbox/dist/main.js'),
  /** The sandbox that honours the provider proxy's `X-Chaos-Fault: server-failure` (Stripe's 500 `api_error`, nothing charged). */
  chaosPaymentSandbox: path.join(ROOT, 'apps/payment-sandbox/dist/chaos-main.js'),
  storefront: path.join(STOREFRONT, '.next/BUILD_ID'),
} as const;

/** Throws, naming the command that builds them, when any of `files` is missing. */
export function assertBuilt(...files: string[]): void {
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npx nx run @safe-checkout/storefront:test\`, which builds first`);
  }
}

// Each start function adds its program to `into` before waiting for it, so that a caller
// whose start fails half-way can still stop everything it started.

/**
 * The payment sandbox (`entry`: {@link BUILT.paymentSandbox}, the default, or
 * {@link BUILT.chaosPaymentSandbox}) on `port`, its tables in `databaseUrl` (the same database as
 * the shop: the sandbox scopes its idempotency keys by account, the shop by user, so they never
 * meet; two sandboxes on it share them like replicas), ready when `/health` answers.
 */
export async function startPaymentSandbox(into: ChildProcess[], options: { entry?: string; port: number; databaseUrl: string }): Promise<string> {
  const url = `http://127.0.0.1:${options.port}`;
  const sandbox = startProgram('Payment sandbox', [options.entry ?? BUILT.paymentSandbox], {
    cwd: ROOT,
    env: {
      ...process.env,
      PAYMENT_SANDBOX_DATABASE_URL: options.databaseUrl,
      PAYMENT_SANDBOX_PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
  });
  into.push(sandbox);
  await waitUntilReady('Payment sandbox', `${url}/health`, sandbox);
  return url;
}

/**
 * An API (`entry`: {@link BUILT.api} or {@link BUILT.chaosApi}) on `port`, charging orders at
 * `paymentProviderUrl` (the sandbox), ready when `/health` answers.
 */
export async function startApi(
  into: ChildProcess[],
  options: { entry: string; port: number; databaseUrl: string; paymentProviderUrl: string; corsOrigin: string },
): Promise<string> {
  const url = `http://127.0.0.1:${options.port}`;
  const api = startProgram('API', [options.entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PAYMENT_PROVIDER_URL: options.paymentProviderUrl,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      CORS_ORIGINS: options.corsOrigin,
      LOG_LEVEL: 'warn',
      // Every browser test signs in as the demo users from 127.0.0.1, dozens of times in a run on one
      // database: the login limits (10 per account per 15 min, docs/capacity.md) would refuse them.
      LOGIN_ATTEMPTS_PER_ACCOUNT: '1000000',
      LOGIN_ATTEMPTS_PER_ADDRESS: '1000000',
      // The same few demo users also read and order back to back from spec to spec: on a fast
      // machine their per-user limits (60 reads, 50 new orders per 10 s) would refuse a spec for
      // what the one before it did. The storefront's 429 handling has its own tests.
      READS_PER_USER: '1000000',
      WRITES_PER_USER: '1000000',
    },
  });
  into.push(api);
  await waitUntilReady('API', `${url}/health`, api);
  return url;
}

/**
 * A chaos proxy in front of `upstream`, every fault at 0 %, ready when its admin endpoint answers.
 * `routes` that may get faults (default the proxy's, `POST /orders`), the hold of its latency
 * fault and its seed, as `npm start -- --chaos` sets them for each hop.
 */
export async function startChaosProxy(
  into: ChildProcess[],
  options: { port: number; upstream: string; corsOrigin: string; routes?: string[]; latencyMs?: number; seed?: number },
): Promise<string> {
  const url = `http://127.0.0.1:${options.port}`;
  const settings = {
    ...(options.routes ? { CHAOS_ROUTES: options.routes.join(',') } : {}),
    ...(options.latencyMs === undefined ? {} : { CHAOS_LATENCY_MS: String(options.latencyMs) }),
    ...(options.seed === undefined ? {} : { CHAOS_SEED: String(options.seed) }),
  };
  const proxy = startProgram('Chaos proxy', [BUILT.chaosProxy], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      UPSTREAMS: options.upstream,
      CHAOS_RATES: '',
      CORS_ORIGINS: options.corsOrigin,
      ...settings,
    },
  });
  into.push(proxy);
  await waitUntilReady('Chaos proxy', `${url}/__chaos`, proxy);
  return url;
}

/**
 * `next start` of the built storefront, talking to `apiUrl`, and in demo mode when `chaosAdminUrl`
 * (and `providerChaosAdminUrl`, the API → provider hop's proxy) is given.
 */
export async function startStorefront(
  into: ChildProcess[],
  options: { port: number; apiUrl: string; chaosAdminUrl?: string; providerChaosAdminUrl?: string },
): Promise<string> {
  const url = `http://127.0.0.1:${options.port}`;
  // Only the chaos spec's storefront is in demo mode, whatever the shell running the tests says.
  const env = { ...process.env };
  delete env.SAFE_CHECKOUT_CHAOS_ADMIN_URL;
  delete env.SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL;
  const web = startProgram('Storefront', [NEXT_CLI, 'start', '--port', String(options.port), '--hostname', '127.0.0.1'], {
    cwd: STOREFRONT,
    env: {
      ...env,
      SAFE_CHECKOUT_API_URL: options.apiUrl,
      ...(options.chaosAdminUrl ? { SAFE_CHECKOUT_CHAOS_ADMIN_URL: options.chaosAdminUrl } : {}),
      ...(options.providerChaosAdminUrl ? { SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL: options.providerChaosAdminUrl } : {}),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
  });
  into.push(web);
  await waitUntilReady('Storefront', `${url}/how-it-works`, web);
  return url;
}
