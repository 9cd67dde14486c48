import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One folder of `prisma/migrations`, as `prisma migrate deploy` sees it. */
export interface MigrationFile {
  /** Folder name, e.g. `20261128000000_init`; migrations apply in name order. */
  name: string;
  sql: string;
  /** Lower-case hex SHA-256 of the file's text: the value Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

/** The repository's `prisma/migrations` folder (same depth from `src/` and `dist/`). */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(__dirname, '../../../../prisma/migrations');

/** Reads every `<name>/migration.sql` under `dir`, sorted by name. */
export function readMigrationFiles(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}
