// The embedded PostgreSQL of `npm start` and `npm run demo:reset`, as a process of its own:
// started by demo-database.mjs (startEmbeddedDemoDatabase) in a process group of its own, it
// reports `{ url }` of the demo database (or `{ error }`) over IPC, and stops PostgreSQL when told
// to (SIGTERM) or when its parent is gone (the IPC channel closes).
import db from '@safe-checkout/db';
import { DEMO_DATABASE } from './demo-database.mjs';

const dataDir = process.env.EMBEDDED_POSTGRES_DIR;
const port = Number(process.env.EMBEDDED_POSTGRES_PORT);

try {
  const server = await db.startEmbeddedDatabase({ dataDir, port });
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  await db.ensureDatabaseExists(server.url, DEMO_DATABASE);
  process.send({ url: db.withDatabaseName(server.url, DEMO_DATABASE) });
} catch (error) {
  process.send({ error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  process.disconnect();
}
