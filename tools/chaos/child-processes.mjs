// Node child processes of the soak (API replicas, the proxy): start, wait until ready, kill.
import { spawn } from 'node:child_process';

/** Characters of stderr kept per child, shown when it fails to start. */
const STDERR_TAIL_CHARS = 4000;

// Last line of defence, whatever way this process ends (error, signal, process.exit): no child
// outlives it. 'exit' handlers must be synchronous, and kill() is.
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Starts `node <script>` with `env` added to the environment, keeping the tail of its stderr.
 * @returns {{ child: import('node:child_process').ChildProcess, stderrTail: () => string, exited: Promise<void> }}
 */
export function startNode(script, env) {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr.on('data', (chunk) => (tail = (tail + chunk).slice(-STDERR_TAIL_CHARS)));
  live.add(child);
  const exited = new Promise((resolve) => child.once('exit', () => resolve(live.delete(child))));
  return { child, stderrTail: () => tail, exited };
}

/** Polls `url` until it answers 2xx; throws after `timeoutMs` with what it last saw. */
export async function waitUntilOk(url, timeoutMs = 30_000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline && isAlive()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (last: ${last})`);
}

/** Sends `signal` unless the child has already exited, and waits for it to exit. */
export async function stopChild({ child, exited }, signal = 'SIGTERM') {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited;
}
