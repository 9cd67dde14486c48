import { readFileSync } from 'node:fs';
import path from 'node:path';
import { outsideWorkspaceEnv, runCommand } from './run-command';

/** The libraries published from this repository, as their folders under libs/. */
export const PUBLISHED_LIBRARIES = ['idempotency-key', 'idempotency', 'idempotency-nest', 'idempotency-prisma', 'retrying-client'] as const;

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
const PACK_TIMEOUT_MS = 60_000;

/** `npm pack`s each built library into `destination`; returns each package's name and tarball path. */
export async function packLibraries(destination: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const library of PUBLISHED_LIBRARIES) {
    const cwd = path.join(WORKSPACE_ROOT, 'libs', library);
    // Without the npm_* variables of an enclosing `npm test`: npm finds the package from `cwd`.
    const output = await runCommand('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd,
      env: outsideWorkspaceEnv(),
      timeoutMs: PACK_TIMEOUT_MS,
    });
    const [packed] = JSON.parse(output) as { name: string; filename: string }[];
    tarballs.set(packed.name, path.join(destination, packed.filename));
  }
  return tarballs;
}

/** The version of a public package installed in the workspace, so that the scratch install finds it in npm's cache. */
export function workspaceVersionOf(name: string): string {
  const manifest = readFileSync(path.join(WORKSPACE_ROOT, 'node_modules', name, 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
