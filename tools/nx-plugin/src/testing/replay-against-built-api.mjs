// `node replay-against-built-api.mjs <workspace> <route>`: what a user does after building a
// generated endpoint. Starts the workspace's built API (apps/api/dist/main.js) on a free loopback
// port with a throwaway migrated and seeded database (libs/db's test database: embedded
// PostgreSQL, or a fresh database on DATABASE_URL's server), logs in as a demo user, sends the
// same POST with the same Idempotency-Key twice, and prints both answers as one JSON line.
// Everything it started is stopped again, whatever happens.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

const [workspace, route] = process.argv.slice(2);
const load = createRequire(path.join(workspace, 'package.json'));
const { DEMO_PASSWORD, DEMO_USERS, findFreePort } = load('@safe-checkout/db');
const { createTestDatabase } = load('@safe-checkout/db/testing');
const HEALTHY_WITHIN_MS = 60_000;

const database = await createTestDatabase();
let api;
try {
  const port = await findFreePort();
  api = spawn(process.execPath, [path.join(workspace, 'apps/api/dist/main.js')], {
    cwd: workspace,
    env: { ...process.env, DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await healthy(url);
  const login = await post(url, '/auth/login', { email: DEMO_USERS[0].email, password: DEMO_PASSWORD });
  const headers = { Authorization: `Bearer ${login.body.accessToken}`, 'Idempotency-Key': `"${randomUUID()}"` };
  const first = await post(url, `/${route}`, { note: 'first' }, headers);
  const second = await post(url, `/${route}`, { note: 'first' }, headers);
  console.log(JSON.stringify({ first, second }));
} finally {
  api?.kill('SIGTERM');
  await database.dispose();
}

async function healthy(url) {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode}) before it was healthy`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API at ${url} was not healthy within ${HEALTHY_WITHIN_MS} ms`);
}

async function post(url, route, body, headers = {}) {
  const response = await fetch(`${url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: await response.json() };
}
