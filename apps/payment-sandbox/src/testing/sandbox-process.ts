import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@safe-checkout/db';
import { sandboxHttp, SandboxHttp } from './sandbox-http';

const DIST = path.resolve(__dirname, '../../dist');
// Nest's start-up and the migrations check, on a busy 2-core box.
const START_TIMEOUT_MS = 30_000;

/** The built sandbox (dist/main.js or dist/chaos-main.js) as a process of its own, restartable. */
export interface SandboxProcess {
  url: string;
  http: SandboxHttp;
  /** Ends the process with `signal` (SIGKILL: a crash; SIGTERM: a graceful stop) and waits for it. */
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts it again, same port and environment; resolves once `/health` answers 200. */
  start(): Promise<void>;
}

/** Starts `entry` with `env` (on top of this process's) on a free loopback port. */
export async function startSandboxProcess(env: NodeJS.ProcessEnv, secretKey: string, entry = 'main.js'): Promise<SandboxProcess> {
  const script = path.join(DIST, entry);
  if (!existsSync(script)) throw new Error(`${script} is missing: build first (npx nx run @safe-checkout/payment-sandbox:build)`);
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const processEnv = {
    ...process.env,
    PAYMENT_SANDBOX_PORT: String(port),
    HOST: '127.0.0.1',
    PAYMENT_PROVIDER_SECRET_KEY: secretKey,
    LOG_LEVEL: 'silent',
    ...env,
  };
  const sandbox: SandboxProcess = {
    url,
    http: sandboxHttp(url, secretKey),
    async stop(signal) {
      if (!running()) return;
      const exited = once(child!, 'exit');
      child!.kill(signal);
      await exited;
    },
    async start() {
      child = spawn(process.execPath, [script], { env: processEnv, stdio: 'ignore' });
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (Date.now() < deadline && running()) {
        if (
          await fetch(`${url}/health`).then(
            (response) => response.ok,
            () => false,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the sandbox (${entry}) did not start within ${START_TIMEOUT_MS} ms`);
    },
  };
  await sandbox.start();
  return sandbox;
}
