import type { Pool } from 'pg';
import type { PrismaClient } from './generated/prisma/client';

/**
 * One parameterised statement on a node-postgres connection or pool: what a hot path uses instead
 * of a Prisma raw query when it cannot afford Prisma's per-statement cost (docs/benchmarks.md,
 * "Where the layer's time goes").
 */
export interface SqlConnection {
  query<Row extends object>(text: string, values: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}

// A symbol property rather than a WeakMap: a wrapper around the client (a Proxy, such as the API's
// plain-client write guard) passes it through, so the pool is found from the wrapper too.
const CONNECTION_POOL = Symbol('safe-checkout.connectionPool');

/** Records the node-postgres pool that `createPrismaClient` handed its `PrismaPg` adapter. */
export function rememberConnectionPool(prisma: PrismaClient, pool: Pool): void {
  Object.defineProperty(prisma, CONNECTION_POOL, { value: pool });
}

/**
 * The node-postgres pool under a client made by `createPrismaClient`, the one its adapter checks
 * connections out of: statements sent through it skip Prisma's per-statement cost and share the
 * client's connection budget. Each runs on its own, outside any Prisma transaction.
 */
export function connectionPoolOf(prisma: PrismaClient): SqlConnection {
  const pool = (prisma as unknown as { [CONNECTION_POOL]?: Pool })[CONNECTION_POOL];
  if (!pool) throw new TypeError('this PrismaClient was not made by createPrismaClient: it has no known connection pool');
  return pool;
}

/** What `transactionalKeyStore` (libs/idempotency-prisma) takes to run claims on the pool under `prisma`. */
export function claimPoolOf(prisma: PrismaClient): { pool: SqlConnection } {
  return { pool: connectionPoolOf(prisma) };
}

/** @deprecated The same as {@link claimPoolOf}, under the name the payment sandbox still calls. */
export const transactionConnectionsOf = claimPoolOf;
