// The parent's side of bench-api.mjs: start it on the bench's database, learn its port, stop it.
import { fork } from 'node:child_process';
import { once } from 'node:events';

// Nest's start-up (module graph, Prisma client, Swagger) takes a few seconds on a busy 2-core box.
const API_START_TIMEOUT_MS = 60_000;
const API_STOP_TIMEOUT_MS = 10_000;

/**
 * Forks bench-api.mjs on `databaseUrl`, charging orders at `paymentProviderUrl`, and waits until
 * it listens.
 * @returns {Promise<{url: string, stop: () => Promise<void>}>} its origin, and how to stop it
 *   (SIGTERM, then SIGKILL after 10 s)
 */
export async function startApiProcess(databaseUrl, paymentProviderUrl) {
  const child = fork(new URL('./bench-api.mjs', import.meta.url), {
    // Measured as deployed: NODE_ENV=production turns off the development-only write guard
    // (apps/api/src/database), so it costs nothing here; production requires a JWT secret of its own.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: process.env.JWT_SECRET ?? `bench-${'0123456789abcdef'.repeat(4)}`,
      DATABASE_URL: databaseUrl,
      PAYMENT_PROVIDER_URL: paymentProviderUrl,
      PORT: '0',
      LOG_LEVEL: 'silent',
    },
    // Anything the API prints goes to stderr, keeping stdout for the report.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), API_STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    return { url: `http://127.0.0.1:${await reportedPort(child)}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function reportedPort(child) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start in time')), API_START_TIMEOUT_MS);
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the API exited during start-up (${signal ?? code})`));
    };
    child.once('exit', onExit);
    child.once('message', ({ port }) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(port);
    });
  });
}
