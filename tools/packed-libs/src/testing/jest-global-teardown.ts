import { rmSync } from 'node:fs';

/** Jest `globalTeardown`: stops the throwaway PostgreSQL and deletes its data. */
export default async function stopThrowawayDatabase(): Promise<void> {
  const database = globalThis.__PACKED_LIBS_DATABASE__;
  if (!database) return;
  await database.server.stop();
  rmSync(database.dataDir, { recursive: true, force: true });
}
