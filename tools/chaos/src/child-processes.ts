// Node child processes of the soak (API replicas, the proxy): start, wait until ready, kill.
import { spawn, type ChildProcess } from 'node:child_process';

/** Characters of stderr kept per child, shown when it fails to start. */
const STDERR_TAIL_CHARS = 4000;

/** A started `node <script>`: the process, the tail of its stderr, and its end. */
export interface NodeProcess {
  child: ChildProcess;
  /** The last {@link STDERR_TAIL_CHARS} characters it wrote to stderr. */
  stderrTail: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
}

// Last line of defence, whatever way this process ends (error, signal, process.exit): no child
// outlives it. 'exit' handlers must be synchronous, and kill() is.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Starts `node <script>` with `env` added to the environment, keeping the tail of its stderr. */
export function startNode(script: string, env: Record<string, string>): NodeProcess {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr.on('data', (chunk: Buffer) => (tail = (tail + chunk).slice(-STDERR_TAIL_CHARS)));
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  return { child, stderrTail: () => tail, exited };
}

/** Polls `url` until it answers 2xx; throws after `timeoutMs` (default 30 s) with what it last saw. */
export async function waitUntilOk(url: string, timeoutMs = 30_000, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline && isAlive()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = networkCodeOf(error) ?? (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (last: ${last})`);
}

/** Sends `signal` (default SIGTERM) unless the child has already exited, and waits for it to exit. */
export async function stopChild({ child, exited }: NodeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited;
}

/** The system error code under a failed `fetch` (`ECONNREFUSED`…), if there is one. */
export function networkCodeOf(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code;
}
