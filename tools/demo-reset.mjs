// `npm run demo:reset`: sets the demo back to its seed (libs/db resetDemoData): the demo products'
// stock and the demo users' profiles. Orders, their lines and the idempotency keys are kept (the
// history); units still held by orders awaiting payment stay taken. Safe while `npm start` runs.
//
// The database: DATABASE_URL if set; else the embedded one of `npm start` (.data/postgres, port
// EMBEDDED_POSTGRES_PORT, default 54329): the running server when `npm start` is up, otherwise
// started for the reset and stopped again. `npm start -- --reset` does the same before it starts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemo } from './start/build-demo.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
if (args.some((arg) => arg !== '--no-build')) {
  console.error('Usage: npm run demo:reset [-- --no-build]   (DATABASE_URL, EMBEDDED_POSTGRES_PORT and EMBEDDED_POSTGRES_DIR as for npm start)');
  process.exit(2);
}
if (!args.includes('--no-build')) await buildDemo({ root, projects: ['@safe-checkout/db'], quiet: !process.env.LOG_LEVEL });
// Imported after the build: it uses @safe-checkout/db's build.
const demoDatabase = await import('./start/demo-database.mjs');
const place = demoDatabase.embeddedDatabasePlace(process.env);
const external = process.env.DATABASE_URL || ((await demoDatabase.isListening(place.port)) && demoDatabase.embeddedDemoDatabaseUrl(place.port));
const database = external ? { url: external, stop: async () => undefined } : await demoDatabase.startEmbeddedDemoDatabase(place);
try {
  await demoDatabase.prepareDemoDatabase(database.url);
  await demoDatabase.resetDemo(database.url);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
