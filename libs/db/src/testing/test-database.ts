import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../database-url';
import { findFreePort } from '../embedded/free-port';
import { startEmbeddedDatabase } from '../embedded/embedded-database';
import { applyMigrations } from '../migrations/migrator';
import { createPrismaClient } from '../prisma-client.factory';
import { seedDemoData } from '../seed/seed';

/** A migrated, seeded database that belongs to one test run only. */
export interface TestDatabase {
  url: string;
  /** Drops the database (external server) or stops and deletes the throwaway cluster. */
  dispose(): Promise<void>;
}

const TEST_DATA_ROOT = path.resolve(__dirname, '../../../../.data/test');

/**
 * With `DATABASE_URL` set: a fresh database named `sc_test_<random>` on that server.
 * Without: a throwaway embedded cluster on a free port. Never the demo data either way.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sc_test_${randomBytes(6).toString('hex')}`;
  const external = process.env.DATABASE_URL;
  if (external) {
    await ensureDatabaseExists(external, name);
    const url = withDatabaseName(external, name);
    await prepare(url);
    return { url, dispose: () => dropDatabase(external, name) };
  }
  const dataDir = path.join(TEST_DATA_ROOT, name);
  const server = await startEmbeddedDatabase({ dataDir, port: await findFreePort(), persistent: false });
  const url = withDatabaseName(server.url, 'postgres');
  await prepare(url);
  return {
    url,
    dispose: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function prepare(url: string): Promise<void> {
  await applyMigrations(url);
  const prisma = createPrismaClient({ databaseUrl: url, poolSize: 2 });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
