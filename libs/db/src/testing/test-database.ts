import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../database-url';
import { findFreePort } from '../embedded/free-port';
import { PortChooser, startEmbeddedDatabase } from '../embedded/embedded-database';
import { applyMigrations } from '../migrations/migrator';
import { seedDemoDatabase } from '../seed/seed';

/** A migrated, seeded database that belongs to one test run only. */
export interface TestDatabase {
  url: string;
  /** Drops the database (external server) or stops and deletes the throwaway cluster. */
  dispose(): Promise<void>;
}

/** Options for {@link createTestDatabase}; the defaults are what test runs use. */
export interface TestDatabaseOptions {
  /** Parent folder of throwaway clusters. Default `.data/test` in the workspace. */
  dataRoot?: string;
  /** Port of a throwaway cluster, asked again when the port was taken. Default {@link findFreePort}. */
  choosePort?: PortChooser;
}

const TEST_DATA_ROOT = path.resolve(__dirname, '../../../../.data/test');

/**
 * With `DATABASE_URL` set: a fresh database named `sc_test_<random>` on that server.
 * Without: a throwaway embedded cluster on a free port. Never the demo data either way.
 * When anything fails half-way, what was made is removed again before the error is thrown.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `sc_test_${randomBytes(6).toString('hex')}`;
  const external = process.env.DATABASE_URL;
  if (external) {
    await ensureDatabaseExists(external, name);
    const url = withDatabaseName(external, name);
    return prepared(url, () => dropDatabase(external, name));
  }
  const dataDir = path.join(options.dataRoot ?? TEST_DATA_ROOT, name);
  // Not persistent: a start that fails removes the data directory, and so does stop().
  const server = await startEmbeddedDatabase({ dataDir, port: options.choosePort ?? findFreePort, persistent: false });
  return prepared(withDatabaseName(server.url, 'postgres'), async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

async function prepared(url: string, dispose: () => Promise<void>): Promise<TestDatabase> {
  try {
    await applyMigrations(url);
    await seedDemoDatabase(url);
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
  return { url, dispose };
}
