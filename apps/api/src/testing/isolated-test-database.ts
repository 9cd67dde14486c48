import { randomBytes } from 'node:crypto';
import { applyMigrations, dropDatabase, ensureDatabaseExists, withDatabaseName } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';

/** A migrated, empty database of one spec file's own, on the server of the run's test database. */
export interface IsolatedTestDatabase {
  url: string;
  /** Drops the database, disconnecting whatever still uses it. */
  dispose(): Promise<void>;
}

/**
 * Creates a database that only the calling spec file uses. For tests of the checkout recovery
 * worker: with `CHECKOUT_RECOVERY_AFTER_SECONDS=0` a pass takes over every stalled checkout in its
 * database, so in the run's shared database it would finish other files' deliberately stalled
 * checkouts (and theirs its own) whenever Jest runs the files in parallel.
 */
export async function createIsolatedTestDatabase(): Promise<IsolatedTestDatabase> {
  const server = testDatabaseUrl();
  const name = `sc_isolated_${randomBytes(6).toString('hex')}`;
  await ensureDatabaseExists(server, name);
  const url = withDatabaseName(server, name);
  try {
    await applyMigrations(url);
  } catch (error) {
    await dropDatabase(server, name).catch(() => undefined);
    throw error;
  }
  return { url, dispose: () => dropDatabase(server, name) };
}
