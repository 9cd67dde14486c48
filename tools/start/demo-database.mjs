// Where the demo's data lives: DATABASE_URL, or the embedded PostgreSQL in .data/postgres. Shared
// by `npm start` (tools/start.mjs) and `npm run demo:reset` (tools/demo-reset.mjs).
import { fork } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import db from '@safe-checkout/db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_DATABASE = 'safe_checkout';
// Stopping PostgreSQL takes about a second; a server that has not stopped by then is killed.
const STOP_TIMEOUT_MS = 15_000;

/**
 * The embedded server's place: `EMBEDDED_POSTGRES_DIR` (default .data/postgres, relative to the
 * repository) and `EMBEDDED_POSTGRES_PORT` (default 54329, away from a PostgreSQL on 5432).
 * @param {NodeJS.ProcessEnv} env
 */
export function embeddedDatabasePlace(env) {
  return { dataDir: path.resolve(root, env.EMBEDDED_POSTGRES_DIR || '.data/postgres'), port: Number(env.EMBEDDED_POSTGRES_PORT || 54329) };
}

/** The demo database's URL on the embedded server at `port`. */
export function embeddedDemoDatabaseUrl(port) {
  return db.withDatabaseName(db.embeddedDatabaseUrl(port), DEMO_DATABASE);
}

/**
 * Starts the embedded PostgreSQL in a child process of its own, in a process group of its own
 * (embedded-database.process.mjs): Ctrl-C in a terminal signals the whole foreground group, and
 * PostgreSQL in it would stop at once, under the API, instead of last. Resolves when the demo
 * database exists, to its URL and a stop() that ends the server.
 * @param {{ dataDir: string, port: number }} place
 */
export function startEmbeddedDemoDatabase(place) {
  const child = fork(path.join(root, 'tools/start/embedded-database.process.mjs'), [], {
    env: { ...process.env, EMBEDDED_POSTGRES_DIR: place.dataDir, EMBEDDED_POSTGRES_PORT: String(place.port) },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      if (message.url) resolve({ url: message.url, stop, exited });
      else reject(new Error(message.error));
    });
    child.once('exit', (code) => reject(new Error(`the embedded PostgreSQL process exited (${code}) before it was ready`)));
  });
}

/** Whether something listens on 127.0.0.1:`port` (e.g. the embedded server of a running `npm start`). */
export function isListening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    const answer = (listening) => () => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', answer(true));
    socket.once('error', answer(false));
    socket.once('timeout', answer(false));
  });
}

/** Applies the pending migrations and inserts the missing demo rows; prints what it did. */
export async function prepareDemoDatabase(url) {
  const applied = await db.applyMigrations(url);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  await db.seedDemoDatabase(url);
}

/** Sets the demo back (libs/db resetDemoData) and says in one line what changed. */
export async function resetDemo(url) {
  const reset = await db.resetDemoDatabase(url);
  const held = Object.entries(reset.heldByOrdersAwaitingPayment).map(([sku, units]) => `${sku} ${units}`);
  console.log(
    `Demo reset: stock restored for ${reset.restocked.length ? reset.restocked.join(', ') : 'no product (all at the seed)'}; ` +
      `profiles restored for ${reset.profilesRestored.length ? reset.profilesRestored.join(', ') : 'nobody (all at the seed)'}; orders kept` +
      (held.length ? ` (units still held by orders awaiting payment: ${held.join(', ')})` : '') +
      '.',
  );
}
