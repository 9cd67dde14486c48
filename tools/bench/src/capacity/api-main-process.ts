// The API as deployed (apps/api/dist/main.js, not the bench's entry): whatever limits, timeouts and
// workers the API sets up at start-up are what the capacity bench measures. Each process runs in a
// process group of its own, so that a stop or a kill -9 reaches everything it started.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { findFreePort } from '@safe-checkout/db';
import { waitUntilOk } from '@safe-checkout/chaos';
import type { CpuProfileCommand, CpuProfileWritten } from './cpu-profiler';

// Nest's start-up on a busy 2-core box takes seconds; 2 minutes means something is wrong.
const API_START_TIMEOUT_MS = 120_000;
const API_STOP_TIMEOUT_MS = 10_000;

/** A running API process. */
export interface ApiMainProcess {
  /** Its origin, on loopback. */
  url: string;
  /** Its process id (the leader of its process group). */
  pid: number;
  /** SIGTERM to its process group, SIGKILL after 10 s. */
  stop: () => Promise<void>;
  /** SIGKILL to its process group, now: a crash. */
  kill9: () => Promise<void>;
  /** Starts a CPU profile of the process; a no-op unless `CAPACITY_CPU_PROFILE_DIR` is set. */
  startCpuProfile: () => void;
  /** Stops it and writes it as `<CAPACITY_CPU_PROFILE_DIR>/<name>-<pid>.cpuprofile`; a no-op unless profiling. */
  stopCpuProfile: (name: string) => Promise<void>;
}

/** `CAPACITY_CPU_PROFILE_DIR`: where the API processes write a CPU profile of each window (cpu-profiler.ts); unset, none. */
const CPU_PROFILE_DIR = process.env.CAPACITY_CPU_PROFILE_DIR;

const groups = new Set<number>();
// Last line of defence, whatever way the bench ends: no API process group outlives it.
process.on('exit', () => {
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
});

/**
 * Starts apps/api/dist/main.js on 127.0.0.1 and a free port, with `env` over the bench's own
 * defaults, and waits until `/health` answers.
 */
export async function startApiMainProcess(workspaceRoot: string, env: Record<string, string>): Promise<ApiMainProcess> {
  const port = await findFreePort();
  const child = fork(path.join(workspaceRoot, 'apps/api/dist/main.js'), {
    execArgv: ['--require', path.join(__dirname, 'orphan-guard.js'), ...(CPU_PROFILE_DIR ? ['--require', path.join(__dirname, 'cpu-profiler.js')] : [])],
    detached: true,
    env: {
      ...process.env,
      // Production as deployed; every process gets the same secret, so a token is valid at all of them.
      NODE_ENV: 'production',
      JWT_SECRET: process.env.JWT_SECRET ?? `bench-${'0123456789abcdef'.repeat(4)}`,
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    // Anything the API prints goes to stderr, keeping stdout for the report.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const pid = child.pid as number;
  groups.add(pid);
  const exited = once(child, 'exit');
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const signal = async (name: NodeJS.Signals, graceMs: number) => {
    if (!ended()) {
      signalGroup(pid, name);
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    // Whatever it started in its group goes too.
    signalGroup(pid, 'SIGKILL');
    groups.delete(pid);
  };
  const api: ApiMainProcess = {
    url: `http://127.0.0.1:${port}`,
    pid,
    stop: () => signal('SIGTERM', API_STOP_TIMEOUT_MS),
    kill9: () => signal('SIGKILL', 0),
    startCpuProfile: () => {
      if (CPU_PROFILE_DIR) child.send({ cpuProfile: 'start' } satisfies CpuProfileCommand);
    },
    stopCpuProfile: async (name) => {
      if (!CPU_PROFILE_DIR || ended()) return;
      const written = new Promise<void>((resolve) => {
        const onMessage = (message: Partial<CpuProfileWritten>) => {
          if (message?.cpuProfileWritten === undefined) return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
      });
      child.send({ cpuProfile: 'stop', file: path.resolve(CPU_PROFILE_DIR, `${name}-${pid}.cpuprofile`) } satisfies CpuProfileCommand);
      await written;
    },
  };
  try {
    await waitUntilOk(`${api.url}/health`, API_START_TIMEOUT_MS, () => !ended());
    return api;
  } catch (error) {
    await api.kill9();
    throw error;
  }
}

function signalGroup(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // The group is gone already.
  }
}
