// `nx run @safe-checkout/start:test` (part of `npm test`, after the builds it depends on): the real
// tools/start.mjs and tools/demo-reset.mjs, on free ports and an embedded PostgreSQL of their own
// (a throwaway data directory), stopped the way a terminal's Ctrl-C stops them.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { embeddedDemoDatabaseUrl } from './demo-database.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Generous bounds for a loaded machine; they only stop a hung run, they assert no timing.
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;
const RESET_TIMEOUT_MS = 60_000;

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `script` with `args` in a process group of its own (as a terminal runs a command); collects its output. */
function run(script, args, env) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, output: '', exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))) };
  child.stdout.on('data', (chunk) => (run.output += chunk));
  child.stderr.on('data', (chunk) => (run.output += chunk));
  return run;
}

/** Resolves when `run`'s output matches `pattern`; rejects when the process exits first or `timeoutMs` passes. */
async function outputMatching(run, pattern, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output)) {
    if (run.child.exitCode !== null) throw new Error(`exited (${run.child.exitCode}) before printing ${pattern}:\n${run.output}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${run.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function finished(run, timeoutMs) {
  const timer = setTimeout(() => process.kill(-run.child.pid, 'SIGKILL'), timeoutMs);
  const result = await run.exited;
  clearTimeout(timer);
  return result;
}

function isListening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(true) || socket.destroy());
    socket.once('error', () => resolve(false));
  });
}

describe('npm start -- --help', () => {
  it('prints the options at once and exits 0, before any build or start', async () => {
    const help = run('tools/start.mjs', ['--help'], {});
    assert.deepEqual(await finished(help, STOP_TIMEOUT_MS), { code: 0, signal: null });
    assert.match(help.output, /^Usage: npm start -- \[options\]/);
    for (const option of ['--chaos', '--reset', '--no-build', '--help']) assert.match(help.output, new RegExp(`^  (-\\w, )?${option} `, 'm'));
    assert.doesNotMatch(help.output, /Building|Starting/);
  });

  it('with an unknown option: names it, prints the options, exits 2 before any build', async () => {
    const typo = run('tools/start.mjs', ['--rest'], {});
    assert.deepEqual(await finished(typo, STOP_TIMEOUT_MS), { code: 2, signal: null });
    assert.match(typo.output, /^Unknown option\(s\): --rest\n/);
    assert.match(typo.output, /Usage: npm start/);
    assert.doesNotMatch(typo.output, /Building|Starting/);
  });
});

describe('npm start (built, on free ports, an embedded PostgreSQL of its own), then Ctrl-C', () => {
  const dataDir = path.join(root, '.data/test', `start-${randomBytes(4).toString('hex')}`);
  const ports = {};
  let env;
  let demo;
  let beforeBanner;
  let stopped;

  before(async () => {
    for (const name of ['api', 'storefront', 'sandbox', 'database']) ports[name] = await freePort();
    env = {
      PORT: String(ports.api),
      STOREFRONT_PORT: String(ports.storefront),
      PAYMENT_SANDBOX_PORT: String(ports.sandbox),
      EMBEDDED_POSTGRES_PORT: String(ports.database),
      EMBEDDED_POSTGRES_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: '',
      SAFE_CHECKOUT_CHAOS: '',
    };
    demo = run('tools/start.mjs', ['--no-build'], env);
    await outputMatching(demo, /Press Ctrl-C to stop\.\n/, START_TIMEOUT_MS);
    beforeBanner = demo.output;
  });

  after(async () => {
    if (demo.child.exitCode === null) {
      process.kill(-demo.child.pid, 'SIGINT');
      await finished(demo, STOP_TIMEOUT_MS);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (pathname, init) => fetch(`http://127.0.0.1:${ports.api}${pathname}`, init);
  const stockOf = async (sku) => (await (await api('/products')).json()).find((p) => p.sku === sku).stock;

  it('prints no log line of its processes before the banner (no JSON, no request)', () => {
    const lines = beforeBanner.split('\n');
    assert.deepEqual(
      lines.filter((line) => line.startsWith('{')),
      [],
    );
    assert.ok(lines.length < 30, `${lines.length} lines before the banner:\n${beforeBanner}`);
    assert.match(beforeBanner, new RegExp(`Storefront http://localhost:${ports.storefront}`));
  });

  it('then prints one line per request', async () => {
    const marker = `/products?probe=${randomUUID()}`;
    await api(marker);
    await outputMatching(demo, new RegExp(`api +GET ${marker.replace('?', '\\?')} → \\d{3}`), STOP_TIMEOUT_MS);
    assert.equal(demo.output.split('\n').filter((line) => line.includes(marker)).length, 1);
  });

  it('npm run demo:reset while it runs (on its database, then with DATABASE_URL): the stock an order took comes back, the order stays', async () => {
    const login = await api('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'alice@example.com', password: 'demo-password' }),
    });
    const auth = { Authorization: `Bearer ${(await login.json()).accessToken}` };
    const product = (await (await api('/products')).json()).find((p) => p.sku === 'LAST-ONE');
    assert.equal(product.stock, 1);
    const ordered = await api('/orders', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `"${randomUUID()}"` },
      body: JSON.stringify({ items: [{ productId: product.id, quantity: 1 }], paymentMethod: 'pm_card_visa' }),
    });
    assert.equal(ordered.status, 201);
    const order = await ordered.json();
    assert.equal(await stockOf('LAST-ONE'), 0);

    const reset = run('tools/demo-reset.mjs', ['--no-build'], env);
    assert.deepEqual(await finished(reset, RESET_TIMEOUT_MS), { code: 0, signal: null }, reset.output);

    assert.match(reset.output, /Demo reset: stock restored for [^;]*LAST-ONE/);
    assert.equal(await stockOf('LAST-ONE'), 1);
    const again = run('tools/demo-reset.mjs', ['--no-build'], { ...env, DATABASE_URL: embeddedDemoDatabaseUrl(ports.database) });
    assert.deepEqual(await finished(again, RESET_TIMEOUT_MS), { code: 0, signal: null }, again.output);
    assert.match(again.output, /Demo reset: stock restored for no product \(all at the seed\)/);
    const kept = await api(`/orders/${order.id}`, { headers: auth });
    assert.equal(kept.status, 200);
    assert.equal((await kept.json()).status, 'paid');
  });

  it('on Ctrl-C (SIGINT to its process group): stops everything, the database last, says "stopped" and exits 0', async () => {
    process.kill(-demo.child.pid, 'SIGINT');
    stopped = await finished(demo, STOP_TIMEOUT_MS);
    assert.deepEqual(stopped, { code: 0, signal: null });
    assert.equal(demo.output.trimEnd().split('\n').at(-1), 'Safe Checkout stopped.');
    assert.doesNotMatch(demo.output, /connection lost|exited \(/);
    for (const [name, port] of Object.entries(ports)) assert.equal(await isListening(port), false, `${name} still listens on ${port}`);
  });

  it('npm run demo:reset when the demo is stopped: starts the embedded PostgreSQL for the reset, and stops it again', async () => {
    const reset = run('tools/demo-reset.mjs', ['--no-build'], env);
    assert.deepEqual(await finished(reset, RESET_TIMEOUT_MS), { code: 0, signal: null }, reset.output);
    assert.match(reset.output, /Demo reset: stock restored for no product \(all at the seed\)/);
    assert.equal(await isListening(ports.database), false);
  });
});
