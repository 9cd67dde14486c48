import { AsyncResource } from 'node:async_hooks';
import { Pool } from 'pg';

/** Longest a single statement may run, in ms (PostgreSQL `statement_timeout`). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

/** Options for {@link createConnectionPool}. */
export interface ConnectionPoolOptions {
  /** PostgreSQL connection URL. */
  databaseUrl: string;
  /** Connection pool size. Default 10 (node-postgres' default). */
  poolSize?: number;
  /** How long a connection attempt may take before failing, in ms. Default 5000. */
  connectionTimeoutMs?: number;
  /**
   * PostgreSQL's `statement_timeout` on every connection, in ms. Default
   * {@link DEFAULT_STATEMENT_TIMEOUT_MS}. It must stay below the interactive transaction timeout
   * (see prisma-client.factory.ts): a stuck statement then fails inside its transaction, which
   * rolls back whole.
   */
  statementTimeoutMs?: number;
  /**
   * Told of every connection the server ends (restart, failover, `pg_terminate_backend`). The
   * pool drops that connection and opens new ones by itself; this is for logging.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * A node-postgres pool whose connections can die without taking the process with them.
 *
 * node-postgres emits `error` on a client whose connection ends while no query runs on it, and
 * an `error` event nobody listens to ends a Node process. The pool listens while a client is idle;
 * while it is checked out, whoever checked it out has to. Failure scenario (docs/chaos.md): a
 * database restart under load kills an API replica with "terminating connection due to
 * administrator command" from a client checked out of the Prisma adapter's pool with no listener. Every client gets a listener for its whole life; the next query on the dead client
 * fails, and that failure is what the request sees (503).
 *
 * The bounded connection timeout makes an outage a quick error instead of requests hanging.
 */
export function createConnectionPool(options: ConnectionPoolOptions): Pool {
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  });
  // A socket's events run in the async context of whatever opened the connection (some earlier
  // request): bound here, a lost connection is not logged as that request's.
  const report = AsyncResource.bind(options.onConnectionError ?? (() => undefined));
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}
