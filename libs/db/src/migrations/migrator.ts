import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_MIGRATIONS_DIR, MigrationFile, readMigrationFiles } from './migration-files';

// Prisma's own bookkeeping table, column for column, so that `prisma migrate deploy` (on a
// machine that has Prisma's schema engine) recognises what we applied and carries on from there.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The advisory lock key `prisma migrate` takes, so our migrator and Prisma's never interleave,
// and two API processes starting together migrate once.
const PRISMA_MIGRATE_ADVISORY_LOCK = 72707369;

/** Thrown when the database and the repository disagree about what was applied. */
export class MigrationDriftError extends Error {
  override readonly name = 'MigrationDriftError';
}

/**
 * Applies pending migrations from `prisma/migrations` the way `prisma migrate deploy` does:
 * in name order, each in its own transaction, recorded in `_prisma_migrations` with Prisma's
 * checksum. Returns the names of the migrations applied by this call.
 */
export async function applyMigrations(databaseUrl: string, migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const applied = await readAppliedChecksums(client);
    const pending = readMigrationFiles(migrationsDir).filter((m) => !isApplied(m, applied));
    for (const migration of pending) await applyOne(client, migration);
    return pending.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}

async function readAppliedChecksums(client: Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const failed = rows.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationDriftError(`migration ${failed.migration_name} started but never finished; resolve it before migrating`);
  }
  return new Map(rows.map((row) => [row.migration_name, row.checksum]));
}

function isApplied(migration: MigrationFile, applied: Map<string, string>): boolean {
  const checksum = applied.get(migration.name);
  if (checksum === undefined) return false;
  if (checksum !== migration.checksum) {
    throw new MigrationDriftError(`migration ${migration.name} was edited after it was applied (checksum differs)`);
  }
  return true;
}

async function applyOne(client: Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)', [
      id,
      migration.checksum,
      migration.name,
    ]);
    await client.query(migration.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
