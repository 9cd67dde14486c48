// `npm start`: one command from a fresh clone to a running demo.
// 1. the database: DATABASE_URL if set, else an embedded PostgreSQL with its data in .data/;
// 2. migrations and the idempotent seed;
// 3. the API and the storefront, each as a child process;
// 4. prints the URLs, and stops everything on Ctrl-C (or when a child dies).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import db from '@safe-checkout/db';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const apiPort = Number(process.env.PORT ?? 3333);
const storefrontPort = Number(process.env.STOREFRONT_PORT ?? 4200);
const children = [];
let embedded;
let stopping = false;

async function resolveDatabaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
  console.log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)…`);
  embedded = await db.startEmbeddedDatabase({ dataDir: path.join(root, '.data/postgres'), port });
  await db.ensureDatabaseExists(embedded.url, 'safe_checkout');
  return db.withDatabaseName(embedded.url, 'safe_checkout');
}

function startChild(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit', detached: true });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping everything.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitUntilHealthy(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  // Children run in their own process groups (detached): signal the whole group, so that
  // grandchildren such as Next.js' next-server stop too.
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r)) : null)));
  if (embedded) await embedded.stop();
  process.exit(exitCode);
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const databaseUrl = await resolveDatabaseUrl();
  const applied = await db.applyMigrations(databaseUrl);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  const prisma = db.createPrismaClient({ databaseUrl, poolSize: 2 });
  await db.seedDemoData(prisma);
  await prisma.$disconnect();

  startChild('API', ['apps/api/dist/main.js'], { DATABASE_URL: databaseUrl, PORT: String(apiPort) });
  await waitUntilHealthy(`http://127.0.0.1:${apiPort}/health`);
  const nextCli = path.join(root, 'node_modules/next/dist/bin/next');
  startChild('Storefront', [nextCli, 'start', 'apps/storefront', '--port', String(storefrontPort)], {
    SAFE_CHECKOUT_API_URL: process.env.SAFE_CHECKOUT_API_URL ?? `http://localhost:${apiPort}`,
    NEXT_TELEMETRY_DISABLED: '1',
  });
  await waitUntilHealthy(`http://127.0.0.1:${storefrontPort}/`);
  console.log(`
Safe Checkout is running:
  Storefront http://localhost:${storefrontPort}
  API        http://localhost:${apiPort}   (OpenAPI: http://localhost:${apiPort}/docs, health: /health)
  Demo users alice@example.com / bob@example.com, password demo-password (demo only)
Press Ctrl-C to stop.`);
}

main().catch(async (error) => {
  console.error(error);
  await stop(1);
});
