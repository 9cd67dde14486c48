import path from 'node:path';
import { findFreePort } from '@safe-checkout/db';
import { spawnTestProcess } from './test-child-process';

/** The built API (`npx tsc -p tsconfig.app.json` after changing src): run as a process of its own, so it can be SIGKILLed. */
const API_MAIN = path.resolve(__dirname, '../../dist/main.js');

/** An API process on loopback, as `npm start` runs it. */
export interface ApiProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Sends `signal` (default SIGKILL: a crash, nothing runs after it) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/api/dist/main.js` with `env` on top of this process's environment (`DATABASE_URL`
 * and `PAYMENT_PROVIDER_URL` are the caller's to give) and waits until it answers /health.
 */
export async function startApiProcess(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const port = await findFreePort();
  const child = spawnTestProcess(API_MAIN, { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent', ...env } });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  // Generous: two cores shared with other test runs make a cold Nest start slow.
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API process exited (${child.exitCode}) before it was healthy:\n${stderr}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, kill };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await kill();
  throw new Error(`the API process at ${url} did not become healthy within 30 s:\n${stderr}`);
}
