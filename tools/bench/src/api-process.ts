// The parent's side of bench-api.ts: start it on the bench's database, learn its port, stop it.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

// Nest's start-up (module graph, Prisma client, Swagger) takes a few seconds on a busy 2-core box.
const API_START_TIMEOUT_MS = 60_000;
const API_STOP_TIMEOUT_MS = 10_000;

/** A running bench API process. */
export interface ApiProcess {
  /** Its origin, on loopback. */
  url: string;
  /** Its process id, to read its CPU time. */
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop: () => Promise<void>;
}

/**
 * Forks bench-api.js on `databaseUrl`, charging orders at `paymentProviderUrl`, with `extraEnv`
 * on top (e.g. an OTLP endpoint), and waits until it listens.
 */
export async function startApiProcess(databaseUrl: string, paymentProviderUrl: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ApiProcess> {
  const child = fork(path.join(__dirname, 'bench-api.js'), {
    // Measured as deployed: NODE_ENV=production turns off the development-only write guard
    // (apps/api/src/database), so it costs nothing here; production requires a JWT secret of its own.
    // Every process gets the same secret, so a token from one is valid at the others.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: process.env.JWT_SECRET ?? `bench-${'0123456789abcdef'.repeat(4)}`,
      DATABASE_URL: databaseUrl,
      PAYMENT_PROVIDER_URL: paymentProviderUrl,
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...extraEnv,
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
    return { url: `http://127.0.0.1:${await reportedPort(child)}`, pid: child.pid as number, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function reportedPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start in time')), API_START_TIMEOUT_MS);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`the API exited during start-up (${signal ?? code})`));
    };
    child.once('exit', onExit);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(message.port);
    });
  });
}
