// The processes `npm start` runs (payment sandbox, API, storefront, chaos proxies): started in
// order, stopped in the reverse order, each in a process group of its own so that its children
// (Next.js' next-server) stop with it.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { consoleLine } from './console-line.mjs';

// A Node server stops in well under a second; one that has not stopped by then is killed.
const STOP_TIMEOUT_MS = 15_000;

/**
 * @param {{ root: string, quiet: boolean, onUnexpectedExit: (name: string, status: string) => void }} options
 *   quiet: show only what console-line.mjs keeps of each process's stdout (else pass it on as is).
 */
export function createDemoProcesses({ root, quiet, onUnexpectedExit }) {
  /** @type {{ name: string, child: import('node:child_process').ChildProcess, exited: Promise<void> }[]} */
  const started = [];
  const state = { ready: false, stopping: false };

  function start(name, args, env) {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'],
      detached: true,
    });
    if (quiet) {
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        const shown = consoleLine(name, line, state);
        if (shown !== null) console.log(shown);
      });
    }
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      if (!state.stopping) onUnexpectedExit(name, String(signal ?? code));
    });
    started.push({ name, child, exited });
  }

  /** Stops every process, the last started first, each before the next. */
  async function stopAll() {
    state.stopping = true;
    for (const running of [...started].reverse()) await stopGroup(running);
  }

  return {
    start,
    stopAll,
    /** From now on request lines are the user's, not start.mjs' health checks. */
    markReady: () => void (state.ready = true),
  };
}

async function stopGroup({ child, exited }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  // The group may outlive its leader (next-server after next start): no stragglers.
  signalGroup(child, 'SIGKILL');
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}
