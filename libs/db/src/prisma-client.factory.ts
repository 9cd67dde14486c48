import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

/** Options for {@link createPrismaClient}. */
export interface PrismaClientOptions {
  /** PostgreSQL connection URL. */
  databaseUrl: string;
  /** Connection pool size. Default 10 (node-postgres' default). */
  poolSize?: number;
  /** How long a connection attempt may take before failing, in ms. Default 5000. */
  connectionTimeoutMs?: number;
}

/**
 * A Prisma 7 client on node-postgres through `@prisma/adapter-pg` (no native query engine).
 * The connection timeout is bounded so that a database outage surfaces as a quick error
 * (the API answers 503) instead of requests hanging on the pool.
 */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
  });
  return new PrismaClient({ adapter });
}
