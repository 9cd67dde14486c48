import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import type { PrismaClient } from './generated/prisma/client';

/**
 * One parameterised statement on a node-postgres connection or pool: what a hot path uses instead
 * of a Prisma raw query when it cannot afford Prisma's per-statement cost (docs/benchmarks.md,
 * "Where the layer's time goes").
 */
export interface SqlConnection {
  query<Row extends object>(text: string, values: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
  /** With a `name`, PostgreSQL keeps the statement prepared on the connection (node-postgres' QueryConfig). */
  query<Row extends object>(statement: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[]; rowCount: number | null }>;
}

interface OpenTransaction {
  connection?: PoolClient;
}

const openTransactions = new AsyncLocalStorage<OpenTransaction>();
// A symbol property rather than a WeakMap: a wrapper around the client (a Proxy, such as the API's
// plain-client write guard) passes it through, so the pool is found from the wrapper too.
const CONNECTION_POOL = Symbol('safe-checkout.connectionPool');

/**
 * Runs `open`, which opens one Prisma interactive transaction, so that inside it
 * {@link transactionConnection} returns the node-postgres connection that transaction runs on.
 *
 * Prisma has no API for a transaction's connection. What this relies on: `@prisma/adapter-pg`,
 * given our pool, checks a connection out with `pool.connect()` when the transaction starts, in the
 * async context of the `$transaction` call, and runs BEGIN … COMMIT on it. The pool notes that
 * connection in the context opened here (see {@link noteTransactionConnections}). If an adapter
 * release changes this, nothing is found and callers fall back to the Prisma transaction client;
 * transaction-connection.spec.ts fails first.
 *
 * Inside an open transaction that already has its connection (a nested call joins it), it only
 * runs `open`.
 */
export function withTransactionConnection<T>(open: () => Promise<T>): Promise<T> {
  if (openTransactions.getStore()?.connection) return open();
  return openTransactions.run({}, open);
}

/** The connection of the transaction opened by the enclosing {@link withTransactionConnection}, if any. */
export function transactionConnection(): SqlConnection | undefined {
  return openTransactions.getStore()?.connection;
}

/** Makes `pool` note the connection a transaction checks out (see {@link withTransactionConnection}). */
export function noteTransactionConnections(pool: Pool): void {
  const connect = pool.connect as (callback?: unknown) => Promise<PoolClient> | undefined;
  // Only the promise form: node-postgres' own pool.query() checks out with a callback, and those
  // short-lived connections are not a transaction's.
  pool.connect = ((callback?: unknown) => {
    if (callback !== undefined) return connect.call(pool, callback);
    const transaction = openTransactions.getStore();
    return (connect.call(pool) as Promise<PoolClient>).then((connection) => {
      if (transaction && !transaction.connection) noteUntilReleased(transaction, connection);
      return connection;
    });
  }) as Pool['connect'];
}

// Forgotten when the transaction hands the connection back (commit or rollback): work that
// outlives the transaction must not write on a connection the pool has given to someone else.
// pg-pool sets `release` on the connection at every checkout, so wrapping it lasts one checkout.
function noteUntilReleased(transaction: OpenTransaction, connection: PoolClient): void {
  transaction.connection = connection;
  const release = connection.release;
  connection.release = (error?: Error | boolean) => {
    if (transaction.connection === connection) transaction.connection = undefined;
    return release.call(connection, error);
  };
}

/** Records the node-postgres pool under a Prisma client made by `createPrismaClient`. */
export function rememberConnectionPool(prisma: PrismaClient, pool: Pool): void {
  Object.defineProperty(prisma, CONNECTION_POOL, { value: pool });
}

/**
 * The node-postgres pool under a client made by `createPrismaClient`: statements sent through it
 * skip Prisma's per-statement cost and share its connections (one pool, one connection budget).
 */
export function connectionPoolOf(prisma: PrismaClient): SqlConnection {
  const pool = (prisma as unknown as { [CONNECTION_POOL]?: Pool })[CONNECTION_POOL];
  if (!pool) throw new TypeError('this PrismaClient was not made by createPrismaClient: it has no known connection pool');
  return pool;
}

/**
 * The pool under a client made by `createPrismaClient` and how to find an open transaction's
 * connection, together: what `transactionalKeyStore` (libs/idempotency-prisma) takes to run the
 * key store's hot-path statements on node-postgres.
 */
export function transactionConnectionsOf(prisma: PrismaClient) {
  return { pool: connectionPoolOf(prisma), currentConnection: transactionConnection, withTransactionConnection };
}
