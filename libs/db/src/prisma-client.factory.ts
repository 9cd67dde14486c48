import { PrismaPg } from '@prisma/adapter-pg';
import { ConnectionPoolOptions, createConnectionPool, DEFAULT_STATEMENT_TIMEOUT_MS } from './connection-pool';
import { PrismaClient } from './generated/prisma/client';
import { noteTransactionConnections, rememberConnectionPool } from './transaction-connection';

/** Options for {@link createPrismaClient}: those of its connection pool, and its transactions'. */
export type PrismaClientOptions = ConnectionPoolOptions & {
  /**
   * Longest an interactive transaction may stay open, in ms. Default
   * {@link DEFAULT_TRANSACTION_TIMEOUT_MS}; must exceed the statement timeout.
   */
  transactionTimeoutMs?: number;
};

/**
 * Longest an interactive transaction may stay open, in ms: above the statement timeout on purpose.
 * Failure scenario (not reproduced in isolation): when Prisma's own transaction timer (5 s by
 * default) expires while a statement is still running, Prisma rolls back and releases the
 * connection, and the rest of a nested write fails on a foreign key as if it ran outside the
 * transaction. With PostgreSQL's statement_timeout below this, a stuck statement
 * is cancelled by the server first, inside the transaction, which then rolls back whole.
 */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = DEFAULT_STATEMENT_TIMEOUT_MS + 5_000;

/**
 * A Prisma 7 client on node-postgres through `@prisma/adapter-pg` (no native query engine), on a
 * pool that survives the database ending its connections (see {@link createConnectionPool}).
 * Hot paths can reach that pool and an open transaction's connection (transaction-connection.ts).
 * `$disconnect()` ends the pool.
 */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const transactionTimeoutMs = options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS;
  if (!(transactionTimeoutMs > statementTimeoutMs)) {
    throw new RangeError(`the transaction timeout (${transactionTimeoutMs} ms) must exceed the statement timeout (${statementTimeoutMs} ms)`);
  }
  const pool = createConnectionPool({ ...options, statementTimeoutMs });
  noteTransactionConnections(pool);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: { timeout: transactionTimeoutMs } });
  rememberConnectionPool(prisma, pool);
  return prisma;
}
