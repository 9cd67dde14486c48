import { spawn } from 'node:child_process';

/** How a command ended: its exit code (null when it was killed) and its interleaved output. */
export interface CommandResult {
  code: number | null;
  output: string;
  durationMs: number;
}

/**
 * Runs `command` in `cwd` as the leader of a process group and, past `timeoutMs`, kills the whole
 * group (Nx and Jest start children of their own that would outlive a killed parent).
 */
export function runCommand(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms]`;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, durationMs: Date.now() - started });
    });
  });
}
