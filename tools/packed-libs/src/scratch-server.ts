import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { outsideWorkspaceEnv } from './run-command';

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** The scratch application's API, running in a process of its own. */
export interface ScratchServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `node dist/main.js` in `dir` on a free loopback port; resolves once it listens. */
export function startScratchServer(dir: string, databaseUrl: string): Promise<ScratchServer> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: dir,
    env: outsideWorkspaceEnv({ DATABASE_URL: databaseUrl }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the scratch app did not listen within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stderr}`));
    };
    child.once('exit', (code) => fail(new Error(`the scratch app exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { port } = JSON.parse(line) as { port: number };
      resolve({ baseUrl: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) });
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killLater = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killLater);
}
