import { withDatabaseName } from '@safe-checkout/db';
import { DEFAULT_HOST } from '@safe-checkout/listen-address';
import { readWebhookDeliveryConfig, WebhookDeliveryConfig } from '../webhooks/delivery/webhook-delivery-config';

/** Where the sandbox keeps its data. */
export interface SandboxDatabase {
  /** PostgreSQL URL of the sandbox's own database. */
  url: string;
  /** Whether start-up creates the database when it does not exist (only for the derived one). */
  createIfMissing: boolean;
}

/** The sandbox's configuration, read once from the environment at start-up (payments.md §4). */
export interface SandboxConfig {
  /** TCP port. `PAYMENT_SANDBOX_PORT`, default 3340. */
  port: number;
  /**
   * Interface to listen on. `HOST`, default {@link DEFAULT_HOST}: loopback, this machine only, so a
   * fresh `npm start` offers no sandbox that accepts the public development key to the network
   *. Containers set `HOST=0.0.0.0` explicitly.
   */
  host: string;
  /** See {@link sandboxDatabase}. */
  database: SandboxDatabase;
  /** The one secret key the sandbox accepts. `PAYMENT_PROVIDER_SECRET_KEY`, default {@link DEFAULT_SECRET_KEY}. */
  secretKey: string;
  /** `LOG_LEVEL`, default `info` (`silent` in tests). */
  logLevel: string;
  /** The webhook delivery schedule and worker (`PAYMENT_SANDBOX_WEBHOOK_*`). */
  webhooks: WebhookDeliveryConfig;
}

/** The development secret key shared by sandbox and API (payments.md §4). */
export const DEFAULT_SECRET_KEY = 'sk_test_safe_checkout_sandbox';

/** Appended to the shop database's name to name the sandbox's database on the same server. */
export const SANDBOX_DATABASE_SUFFIX = '_payment_sandbox';

// PostgreSQL truncates longer identifiers silently: a derived name beyond this would be created
// under another name than the one looked up, and the next start would fail.
const MAX_DATABASE_NAME_BYTES = 63;

export const SANDBOX_CONFIG = Symbol('SANDBOX_CONFIG');

/** Reads and validates the environment; throws one error listing every bad variable. */
export function readSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const errors: string[] = [];
  const port = Number(env.PAYMENT_SANDBOX_PORT || 3340);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) errors.push(`PAYMENT_SANDBOX_PORT must be a port number (got "${env.PAYMENT_SANDBOX_PORT}")`);
  const database = sandboxDatabase(env);
  if (typeof database === 'string') errors.push(database);
  const secretKey = env.PAYMENT_PROVIDER_SECRET_KEY || DEFAULT_SECRET_KEY;
  if (/\s|:/.test(secretKey)) errors.push('PAYMENT_PROVIDER_SECRET_KEY must not contain whitespace or ":"');
  const webhooks = readWebhookDeliveryConfig(env, errors);
  if (errors.length) throw new Error(`Invalid configuration:\n- ${errors.join('\n- ')}`);
  return { port, host: env.HOST || DEFAULT_HOST, database: database as SandboxDatabase, secretKey, logLevel: env.LOG_LEVEL ?? 'info', webhooks };
}

/**
 * The sandbox's database, like a separate service's: `PAYMENT_SANDBOX_DATABASE_URL` when set;
 * otherwise a database named `<name>_payment_sandbox` on the server of `DATABASE_URL` (the shop's
 * `<name>`), created at start-up if missing. Returns why neither works as a string.
 *
 * @example
 * sandboxDatabase({ DATABASE_URL: 'postgresql://u@db:5432/safe_checkout' });
 * // → { url: 'postgresql://u@db:5432/safe_checkout_payment_sandbox', createIfMissing: true }
 */
export function sandboxDatabase(env: NodeJS.ProcessEnv): SandboxDatabase | string {
  if (env.PAYMENT_SANDBOX_DATABASE_URL) return { url: env.PAYMENT_SANDBOX_DATABASE_URL, createIfMissing: false };
  if (!env.DATABASE_URL) return 'PAYMENT_SANDBOX_DATABASE_URL or DATABASE_URL is required (npm start sets DATABASE_URL)';
  let shopDatabase: string;
  try {
    shopDatabase = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1));
  } catch {
    return 'DATABASE_URL is not a valid URL';
  }
  if (!shopDatabase) return 'DATABASE_URL names no database, so the sandbox cannot derive its own: set PAYMENT_SANDBOX_DATABASE_URL';
  const name = `${shopDatabase}${SANDBOX_DATABASE_SUFFIX}`;
  if (Buffer.byteLength(name) > MAX_DATABASE_NAME_BYTES) {
    return `the derived database name "${name}" is longer than PostgreSQL's ${MAX_DATABASE_NAME_BYTES} bytes: set PAYMENT_SANDBOX_DATABASE_URL`;
  }
  return { url: withDatabaseName(env.DATABASE_URL, name), createIfMissing: true };
}
