import { applyMigrations, ensureDatabaseExists } from '@safe-checkout/db';
import type { SandboxDatabase } from '../config/sandbox-config';

/**
 * Makes the sandbox's database ready, as a separate service would at start-up: creates the
 * derived database if it is missing, then applies the project's migrations (a no-op when they
 * are applied; several processes starting together migrate once, under Prisma's advisory lock).
 * Resolves to the names of the migrations this call applied.
 */
export async function prepareSandboxDatabase(database: SandboxDatabase): Promise<string[]> {
  if (database.createIfMissing) {
    await ensureDatabaseExists(database.url, decodeURIComponent(new URL(database.url).pathname.slice(1)));
  }
  return applyMigrations(database.url);
}
