import { PrismaPg } from '@prisma/adapter-pg';
import { ConnectionPoolOptions, createConnectionPool } from './connection-pool';
import { PrismaClient } from './generated/prisma/client';

/** Options for {@link createPrismaClient}: those of its connection pool. */
export type PrismaClientOptions = ConnectionPoolOptions;

/**
 * A Prisma 7 client on node-postgres through `@prisma/adapter-pg` (no native query engine), on a
 * pool that survives the database ending its connections (see {@link createConnectionPool}).
 * `$disconnect()` ends the pool.
 */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg(createConnectionPool(options), { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}
