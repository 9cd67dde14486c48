import { execFile } from 'node:child_process';

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Killed past this, and the run fails. */
  timeoutMs: number;
}

/** Runs a program to its end and returns its stdout; a non-zero exit fails with its output. */
export function runCommand(file: string, args: readonly string[], options: RunCommandOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed in ${options.cwd}: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * The environment for npm and the tools run in the scratch application: this process's, without
 * the `npm_*` variables an enclosing `npm test` sets (its workspace, prefix and scripts must not
 * leak into an install outside the workspace), except where npm keeps its cache and registry.
 */
export function outsideWorkspaceEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_(cache|registry|userconfig)$/i.test(name));
  return { ...Object.fromEntries(kept), INIT_CWD: undefined, ...extra };
}
