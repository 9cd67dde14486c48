// The payment provider of the soak and the bench: the built payment sandbox
// (apps/payment-sandbox/dist/main.js, Stripe's PaymentIntents API, a subset) as a child process,
// with its data in a database of its own on the shop's server (payments.md §1).
import { existsSync } from 'node:fs';
import path from 'node:path';
import db from '@safe-checkout/db';
import { startNode, stopChild, waitUntilOk } from './child-processes.mjs';

/** Appended to the shop database's name, as the sandbox itself derives it when left to. */
const PAYMENTS_DATABASE_SUFFIX = '_payment_sandbox';
/** Nest's start-up and the sandbox's migrations, on a busy 2-core box. */
const SANDBOX_START_TIMEOUT_MS = 60_000;

/**
 * Creates the sandbox's own database next to the shop's (`<shop name>_payment_sandbox` on the
 * same server). The sandbox migrates it itself at start-up, as a separate service would.
 * @returns {Promise<{ url: string, dispose: () => Promise<void> }>} `dispose` drops it
 */
export async function createPaymentsDatabase(shopDatabaseUrl) {
  const name = `${decodeURIComponent(new URL(shopDatabaseUrl).pathname.slice(1))}${PAYMENTS_DATABASE_SUFFIX}`;
  await db.ensureDatabaseExists(shopDatabaseUrl, name);
  return { url: db.withDatabaseName(shopDatabaseUrl, name), dispose: () => db.dropDatabase(shopDatabaseUrl, name) };
}

/**
 * Starts the sandbox on a free loopback port with its data in `databaseUrl`
 * (`PAYMENT_SANDBOX_DATABASE_URL`) and waits until its `/health` answers 200. It accepts the
 * secret key the API sends by default (`PAYMENT_PROVIDER_SECRET_KEY`, inherited by both).
 * @returns {Promise<{ name: string, url: string, stop: () => Promise<void>, death: () => string | undefined }>}
 *   `death()` says how the process ended, with the tail of its stderr, or undefined while it runs
 */
export async function startPaymentSandbox(workspaceRoot, databaseUrl) {
  const script = path.join(workspaceRoot, 'apps/payment-sandbox/dist/main.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: build first: npx nx run @safe-checkout/payment-sandbox:build`);
  const port = await db.findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = startNode(script, {
    PAYMENT_SANDBOX_DATABASE_URL: databaseUrl,
    PAYMENT_SANDBOX_PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const alive = () => sandbox.child.exitCode === null && sandbox.child.signalCode === null;
  const death = () => (alive() ? undefined : `exited (${sandbox.child.signalCode ?? `code ${sandbox.child.exitCode}`}); stderr:\n${sandbox.stderrTail()}`);
  try {
    await waitUntilOk(`${url}/health`, SANDBOX_START_TIMEOUT_MS, alive);
  } catch (error) {
    await stopChild(sandbox, 'SIGKILL');
    throw new Error(`the payment sandbox did not start: ${error.message}\n${sandbox.stderrTail()}`);
  }
  // SIGKILL, as the soak's replicas: its data is thrown away right after.
  return { name: 'payment sandbox', url, stop: () => stopChild(sandbox, 'SIGKILL'), death };
}
