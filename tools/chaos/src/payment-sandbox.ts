// The payment provider of the soak and the bench: the built payment sandbox
// (apps/payment-sandbox/dist, Stripe's PaymentIntents API, a subset) as a child process, with its
// data in a database of its own on the shop's server (payments.md §1).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase, ensureDatabaseExists, findFreePort, withDatabaseName } from '@safe-checkout/db';
import { startNode, stopChild, waitUntilOk, type NodeProcess } from './child-processes';

/** Appended to the shop database's name, as the sandbox itself derives it when left to. */
const PAYMENTS_DATABASE_SUFFIX = '_payment_sandbox';
/**
 * The secret key the sandbox accepts and the API sends (`PAYMENT_PROVIDER_SECRET_KEY`, inherited
 * by both from this process; the sandbox's development key otherwise, payments.md §4).
 */
export const PROVIDER_SECRET_KEY = process.env.PAYMENT_PROVIDER_SECRET_KEY || 'sk_test_safe_checkout_sandbox';
/** Nest's start-up and the sandbox's migrations, on a busy 2-core box. */
const SANDBOX_START_TIMEOUT_MS = 60_000;

/** The sandbox's database; `dispose()` drops it. */
export interface PaymentsDatabase {
  url: string;
  dispose: () => Promise<void>;
}

/**
 * Creates the sandbox's own database next to the shop's (`<shop name>_payment_sandbox` on the
 * same server). The sandbox migrates it itself at start-up, as a separate service would.
 */
export async function createPaymentsDatabase(shopDatabaseUrl: string): Promise<PaymentsDatabase> {
  const name = `${decodeURIComponent(new URL(shopDatabaseUrl).pathname.slice(1))}${PAYMENTS_DATABASE_SUFFIX}`;
  await ensureDatabaseExists(shopDatabaseUrl, name);
  return { url: withDatabaseName(shopDatabaseUrl, name), dispose: () => dropDatabase(shopDatabaseUrl, name) };
}

/** A running payment sandbox. */
export interface PaymentSandbox {
  name: string;
  /** Its own origin, on loopback. */
  url: string;
  /** SIGKILL (its data is thrown away right after). */
  stop: () => Promise<void>;
  /** SIGKILL, then the same entry point again on the same port and database; resolves once it is healthy. */
  restart: () => Promise<void>;
  /** How the process ended, with the tail of its stderr, or undefined while it runs. */
  death: () => string | undefined;
}

/** Options of {@link startPaymentSandbox}. */
export interface PaymentSandboxOptions {
  /**
   * The entry point in apps/payment-sandbox/dist: `main.js` (default) or `chaos-main.js`, which
   * answers a request the chaos proxy marked `server-failure` with Stripe's 500 `api_error`
   * before charging anything.
   */
  entry?: 'main.js' | 'chaos-main.js';
  /** More of its environment, e.g. its webhook delivery schedule and (chaos entry point) delivery faults. */
  env?: Record<string, string>;
}

/**
 * Starts the sandbox on a free loopback port with its data in `databaseUrl`
 * (`PAYMENT_SANDBOX_DATABASE_URL`) and waits until its `/health` answers 200. It accepts the
 * secret key the API sends by default (`PAYMENT_PROVIDER_SECRET_KEY`, inherited by both).
 *
 * @example
 * const payments = await createPaymentsDatabase(shopDatabaseUrl);
 * const sandbox = await startPaymentSandbox(workspaceRoot, payments.url);
 * // … charge through sandbox.url with PROVIDER_SECRET_KEY …
 * await sandbox.stop();
 * await payments.dispose();
 */
export async function startPaymentSandbox(
  workspaceRoot: string,
  databaseUrl: string,
  { entry = 'main.js', env: extraEnv = {} }: PaymentSandboxOptions = {},
): Promise<PaymentSandbox> {
  const script = path.join(workspaceRoot, 'apps/payment-sandbox/dist', entry);
  if (!existsSync(script)) throw new Error(`${script} is missing: build first: npx nx run @safe-checkout/payment-sandbox:build`);
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...extraEnv, PAYMENT_SANDBOX_DATABASE_URL: databaseUrl, PAYMENT_SANDBOX_PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  let sandbox: NodeProcess;
  const alive = () => sandbox.child.exitCode === null && sandbox.child.signalCode === null;
  const start = async () => {
    sandbox = startNode(script, env);
    try {
      await waitUntilOk(`${url}/health`, SANDBOX_START_TIMEOUT_MS, alive);
    } catch (error) {
      await stopChild(sandbox, 'SIGKILL');
      throw new Error(`the payment sandbox did not start: ${(error as Error).message}\n${sandbox.stderrTail()}`);
    }
  };
  await start();
  const stop = () => stopChild(sandbox, 'SIGKILL');
  return {
    name: 'payment sandbox',
    url,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    death: () => (alive() ? undefined : `exited (${sandbox.child.signalCode ?? `code ${sandbox.child.exitCode}`}); stderr:\n${sandbox.stderrTail()}`),
  };
}
