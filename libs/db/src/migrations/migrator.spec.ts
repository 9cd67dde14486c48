import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '../testing/test-database-url';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../database-url';
import { applyMigrations, MigrationDriftError } from './migrator';
import { readMigrationFiles } from './migration-files';

describe('applyMigrations', () => {
  const name = `sc_migrator_${process.pid}`;
  let url: string;
  beforeAll(async () => {
    await ensureDatabaseExists(testDatabaseUrl(), name);
    url = withDatabaseName(testDatabaseUrl(), name);
  });
  afterAll(() => dropDatabase(testDatabaseUrl(), name));

  it('records each migration in _prisma_migrations exactly as prisma migrate deploy does', async () => {
    const files = readMigrationFiles();
    expect(await applyMigrations(url)).toEqual(files.map((f) => f.name));

    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT id, checksum, migration_name, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name',
    );
    await client.end();
    expect(rows).toEqual(
      files.map((f) => ({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        checksum: f.checksum,
        migration_name: f.name,
        finished_at: expect.any(Date),
        rolled_back_at: null,
        applied_steps_count: 1,
        logs: null,
      })),
    );
    expect(files[0].checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(url)).toEqual([]);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    const [first] = readMigrationFiles();
    mkdirSync(path.join(dir, first.name));
    writeFileSync(path.join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited`);
    await expect(applyMigrations(url, dir)).rejects.toBeInstanceOf(MigrationDriftError);
  });
});
