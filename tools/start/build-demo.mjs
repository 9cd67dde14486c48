// `npm start`'s build step: Nx builds the projects the demo runs (and, through `dependsOn:
// ["^build"]`, the libraries they use). Cached: a second start builds nothing.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const nxCli = createRequire(import.meta.url).resolve('nx/bin/nx.js');

/**
 * Builds `projects`. With `quiet`, Nx's output is printed only when the build fails.
 * @param {{ root: string, projects: string[], quiet: boolean }} options
 */
export function buildDemo({ root, projects, quiet }) {
  console.log(`Building ${projects.join(', ')} (Nx; cached when nothing changed)…`);
  const args = [nxCli, 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, NX_TUI: 'false' },
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
  });
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) return resolve();
      process.stderr.write(Buffer.concat(output));
      reject(new Error(`the build failed (nx exited with ${code}): see above`));
    });
  });
}
