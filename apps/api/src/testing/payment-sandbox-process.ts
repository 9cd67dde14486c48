import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '@safe-checkout/db';
import { spawnTestProcess } from './test-child-process';

/** The built payment sandbox (apps/payment-sandbox): the API's tests run it as its own process, never import it. */
const SANDBOX_MAIN = path.resolve(__dirname, '../../../payment-sandbox/dist/main.js');

/** The public development key of the sandbox (payments.md §1). */
export const TEST_SANDBOX_SECRET_KEY = 'sk_test_safe_checkout_sandbox';

/** A payment sandbox process on loopback, for the API's tests to charge through. */
export interface PaymentSandboxProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops the process (SIGTERM, or SIGKILL to simulate a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/payment-sandbox/dist/main.js` with its data in `databaseUrl` (the sandbox's tables
 * in the test database: its keys are scoped by account, the shop's by user, so they never meet),
 * on `port` (a free one by default), with `extraEnv` (e.g. its webhook delivery schedule), and
 * waits until it answers /health.
 */
export async function startPaymentSandbox(databaseUrl: string, port?: number, extraEnv: Record<string, string> = {}): Promise<PaymentSandboxProcess> {
  const chosenPort = port ?? (await findFreePort());
  const child = spawnTestProcess(SANDBOX_MAIN, {
    env: {
      ...process.env,
      ...extraEnv,
      PAYMENT_SANDBOX_DATABASE_URL: databaseUrl,
      PAYMENT_SANDBOX_PORT: String(chosenPort),
      PAYMENT_PROVIDER_SECRET_KEY: TEST_SANDBOX_SECRET_KEY,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${chosenPort}`;
  await waitUntilHealthy(url, child, () => stderr);
  return { url, port: chosenPort, stop: (signal = 'SIGTERM') => stopProcess(child, signal) };
}

async function waitUntilHealthy(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the payment sandbox exited (${child.exitCode}) before it was healthy:\n${stderr()}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the payment sandbox at ${url} did not become healthy within 30 s:\n${stderr()}`);
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
