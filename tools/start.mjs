// `npm start`: one command from a fresh clone to a running demo. `npm start -- --help` lists the
// options (tools/start/start-options.mjs), read before anything else happens.
// 0. builds what it runs (Nx, cached: quick when nothing changed), unless --no-build;
// 1. the database: DATABASE_URL if set, else an embedded PostgreSQL with its data in .data/, in a
//    process of its own (tools/start/demo-database.mjs);
// 2. migrations and the idempotent seed; with --reset, the demo reset (`npm run demo:reset`);
// 3. the payment provider sandbox (apps/payment-sandbox: Stripe's PaymentIntents API, a subset, in
//    a database of its own on the same server), then the API (charging through it) and the
//    storefront, each as a child process;
//    The API gets the secret of a webhook endpoint registered for it at the sandbox (payments.md §5;
//    tools/webhook-endpoint-registration.mjs), unless PAYMENT_WEBHOOK_SECRET is set;
// 4. prints the URLs, then one line per request (tools/start/console-line.mjs; LOG_LEVEL set: every
//    process's own log lines), and on Ctrl-C (or when a child dies) stops everything in the reverse
//    order, the database last, and says so.
//
// Every process listens on HOST, default 127.0.0.1: the demo runs with public secrets (the
// development JWT secret, the sandbox key), so it is reachable from this machine only unless you
// say otherwise (HOST=0.0.0.0; the API then prints a loud warning). See docs/security.md.
// STOREFRONT_PORT is passed on too: the API and the chaos proxies derive their CORS origins from it
// (CORS_ORIGINS overrides them).
//
// Chaos demo: `npm start -- --chaos`, or `SAFE_CHECKOUT_CHAOS=1 npm start`. A chaos proxy
// (apps/chaos-proxy) sits on each network hop of a checkout, every fault at 0 % at start:
// - browser → API: on CHAOS_PROXY_PORT (default 3334; CHAOS_RATES may set start rates) in front of
//   the API, which runs from apps/api/dist/chaos-main.js (the only entry point that honours the
//   proxy's server-failure fault);
// - API → payment provider: on CHAOS_PROVIDER_PROXY_PORT (default 3341; CHAOS_PROVIDER_RATES) in
//   front of the sandbox, which runs from apps/payment-sandbox/dist/chaos-main.js (its only entry
//   point that honours server-failure), with faults on charges (POST /v1/payment_intents) only and
//   the API's PAYMENT_PROVIDER_URL pointing at it.
// The storefront gets SAFE_CHECKOUT_API_URL (the first proxy) and both admin endpoints
// (SAFE_CHECKOUT_CHAOS_ADMIN_URL, SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL), which make the cart page
// show the chaos panel with a group of rates per hop. See docs/chaos.md.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { banner, chaosBanner } from './start/banners.mjs';
import { buildDemo } from './start/build-demo.mjs';
import { createDemoProcesses } from './start/demo-processes.mjs';
import { readStartOptions, START_USAGE } from './start/start-options.mjs';
import { registerWebhookEndpoint } from './webhook-endpoint-registration.mjs';

const options = readStartOptions(process.argv.slice(2), process.env);
if (options.help) {
  console.log(START_USAGE);
  process.exit(0);
}
if (options.unknown.length) {
  console.error(`Unknown option(s): ${options.unknown.join(' ')}\n\n${START_USAGE}`);
  process.exit(2);
}

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const apiPort = Number(process.env.PORT ?? 3333);
const storefrontPort = Number(process.env.STOREFRONT_PORT ?? 4200);
const chaosProxyPort = Number(process.env.CHAOS_PROXY_PORT ?? 3334);
const sandboxPort = Number(process.env.PAYMENT_SANDBOX_PORT ?? 3340);
const providerProxyPort = Number(process.env.CHAOS_PROVIDER_PROXY_PORT ?? 3341);
const host = process.env.HOST || '127.0.0.1';
// Where this script and the servers call each other: the listening address, or loopback when
// that is a wildcard. What the browser calls: `localhost` on this machine, else the address.
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const internalHost = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : urlHost(host);
const browserHost = WILDCARD_HOSTS.has(host) || LOOPBACK_NAMES.has(host) ? 'localhost' : urlHost(host);
// Every child gets these, so no process falls back to a default of its own. Without LOG_LEVEL the
// console shows one line per request (quiet); the servers still log at info for that.
const quiet = !process.env.LOG_LEVEL;
const listenEnv = { HOST: host, STOREFRONT_PORT: String(storefrontPort), LOG_LEVEL: process.env.LOG_LEVEL || 'info' };
// The provider hop's Slow answer: past the API's 4 s per charge attempt (docs/payments.md), so the
// API times out and retries with the same derived key; the soak's default too.
const PROVIDER_LATENCY_MS = 4_500;
const PROVIDER_FAULT_ROUTES = 'POST /v1/payment_intents';
const { chaos } = options;
const processes = createDemoProcesses({
  root,
  quiet,
  onUnexpectedExit: (name, status) => {
    console.error(`${name} exited (${status}); stopping everything.`);
    void stop(1);
  },
});
let database;
let stopping = false;
// Loaded after the build step: it uses @safe-checkout/db's build, which a fresh clone has not yet.
let demoDatabase;

/** `host` as the host part of a URL: an IPv6 address in brackets. */
function urlHost(address) {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

async function resolveDatabaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const place = demoDatabase.embeddedDatabasePlace(process.env);
  console.log(`Starting embedded PostgreSQL on 127.0.0.1:${place.port} (data in ${path.relative(root, place.dataDir) || '.'})…`);
  database = await demoDatabase.startEmbeddedDemoDatabase(place);
  void database.exited.then(() => {
    if (!stopping) {
      console.error('The embedded PostgreSQL exited; stopping everything.');
      void stop(1);
    }
  });
  return database.url;
}

async function waitUntilHealthy(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

// The reverse of the start order, so that nothing outlives what it depends on: the storefront,
// the API (its connections end before the database's), the sandbox, then PostgreSQL.
async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log('Stopping…');
  await processes.stopAll();
  await database?.stop();
  console.log('Safe Checkout stopped.');
  process.exit(exitCode);
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  if (options.build) await buildDemo({ root, projects: projectsToBuild(), quiet });
  demoDatabase = await import('./start/demo-database.mjs');
  if (chaos) console.log('Chaos mode: the API and the payment sandbox run from their chaos-main.js, each behind a fault-injecting proxy.');
  if (chaos && process.env.PAYMENT_PROVIDER_URL)
    console.warn('Chaos mode ignores PAYMENT_PROVIDER_URL: the API charges the sandbox through the provider proxy.');
  const databaseUrl = await resolveDatabaseUrl();
  await demoDatabase.prepareDemoDatabase(databaseUrl);
  if (options.reset) await demoDatabase.resetDemo(databaseUrl);

  // The sandbox derives its own database from DATABASE_URL (<name>_payment_sandbox), creates and
  // migrates it itself, as a separate service would.
  processes.start('sandbox', [built(chaos ? 'apps/payment-sandbox/dist/chaos-main.js' : 'apps/payment-sandbox/dist/main.js')], {
    ...listenEnv,
    DATABASE_URL: databaseUrl,
    PAYMENT_SANDBOX_PORT: String(sandboxPort),
  });
  await waitUntilHealthy(`http://${internalHost}:${sandboxPort}/health`);
  const providerProxy = chaos ? await startProviderChaosProxy() : null;
  const webhookSecret = await shopWebhookSecret(`http://${internalHost}:${sandboxPort}`);
  processes.start('api', [built(chaos ? 'apps/api/dist/chaos-main.js' : 'apps/api/dist/main.js')], {
    ...listenEnv,
    PAYMENT_WEBHOOK_SECRET: webhookSecret,
    DATABASE_URL: databaseUrl,
    PORT: String(apiPort),
    PAYMENT_PROVIDER_URL: providerProxy?.url ?? process.env.PAYMENT_PROVIDER_URL ?? `http://${internalHost}:${sandboxPort}`,
  });
  await waitUntilHealthy(`http://${internalHost}:${apiPort}/health`);
  const storefrontEnv = chaos
    ? { ...(await startChaosProxy()), SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL: providerProxy.adminUrl }
    : { SAFE_CHECKOUT_API_URL: process.env.SAFE_CHECKOUT_API_URL ?? `http://${browserHost}:${apiPort}` };
  const nextCli = path.join(root, 'node_modules/next/dist/bin/next');
  processes.start('storefront', [nextCli, 'start', 'apps/storefront', '--port', String(storefrontPort), '--hostname', host], {
    ...storefrontEnv,
    ...listenEnv,
    NEXT_TELEMETRY_DISABLED: '1',
  });
  await waitUntilHealthy(`http://${internalHost}:${storefrontPort}/`);
  const urls = { browserHost, storefrontPort, apiPort, sandboxPort, chaosProxyPort, providerProxyPort };
  console.log((chaos ? chaosBanner : banner)(urls, { quiet, logLevel: process.env.LOG_LEVEL, providerFaultRoutes: PROVIDER_FAULT_ROUTES }));
  processes.markReady();
}

function projectsToBuild() {
  const projects = ['@safe-checkout/payment-sandbox', '@safe-checkout/api', '@safe-checkout/storefront'];
  return chaos ? [...projects, '@safe-checkout/chaos-proxy'] : projects;
}

// The sandbox's webhooks reach the API directly, as `stripe listen` would forward them (payments.md
// §5); a real provider's endpoint is registered in its dashboard and its secret configured.
async function shopWebhookSecret(sandboxUrl) {
  if (process.env.PAYMENT_WEBHOOK_SECRET) return process.env.PAYMENT_WEBHOOK_SECRET;
  const { secret } = await registerWebhookEndpoint({
    providerUrl: sandboxUrl,
    secretKey: process.env.PAYMENT_PROVIDER_SECRET_KEY || 'sk_test_safe_checkout_sandbox',
    endpointUrl: `http://${internalHost}:${apiPort}/webhooks/payments`,
  });
  return secret;
}

/** `file` (relative to the root), after checking that the build made it. */
function built(file) {
  if (!existsSync(path.join(root, file))) throw new Error(`${file} is missing: build first (npm start without --no-build builds it)`);
  return file;
}

// The proxy in front of the API (chaos entry point), with no faults until the person turns them
// on in the storefront's chaos panel. Resolves to what the storefront needs to use it.
async function startChaosProxy() {
  processes.start('chaos', [built('apps/chaos-proxy/dist/main.js')], {
    // PORT is also the API's variable: the proxy must not inherit it.
    ...listenEnv,
    PORT: String(chaosProxyPort),
    UPSTREAMS: `http://${internalHost}:${apiPort}`,
    CHAOS_RATES: process.env.CHAOS_RATES ?? '',
  });
  // /health is forwarded to the API: healthy means the proxy and its upstream are both up.
  await waitUntilHealthy(`http://${internalHost}:${chaosProxyPort}/health`);
  return {
    SAFE_CHECKOUT_API_URL: `http://${browserHost}:${chaosProxyPort}`,
    SAFE_CHECKOUT_CHAOS_ADMIN_URL: `http://${browserHost}:${chaosProxyPort}/__chaos`,
  };
}

// The proxy between the API and the payment sandbox (chaos entry point), also with no faults at
// start. Only charges can get faults; reads such as the recovery worker's search pass untouched.
// Its settings are set here rather than inherited, so that the first proxy's CHAOS_* variables do
// not leak onto this hop (its seed is the first one's plus one, as in the soak).
async function startProviderChaosProxy() {
  processes.start('provider-chaos', [built('apps/chaos-proxy/dist/main.js')], {
    ...listenEnv,
    PORT: String(providerProxyPort),
    UPSTREAMS: `http://${internalHost}:${sandboxPort}`,
    CHAOS_RATES: process.env.CHAOS_PROVIDER_RATES ?? '',
    CHAOS_ROUTES: PROVIDER_FAULT_ROUTES,
    CHAOS_LATENCY_MS: String(PROVIDER_LATENCY_MS),
    CHAOS_SEED: String(Number(process.env.CHAOS_SEED || 1) + 1),
  });
  // /health is forwarded to the sandbox: healthy means the proxy and the sandbox are both up.
  await waitUntilHealthy(`http://${internalHost}:${providerProxyPort}/health`);
  return { url: `http://${internalHost}:${providerProxyPort}`, adminUrl: `http://${browserHost}:${providerProxyPort}/__chaos` };
}

main().catch(async (error) => {
  console.error(error);
  await stop(1);
});
