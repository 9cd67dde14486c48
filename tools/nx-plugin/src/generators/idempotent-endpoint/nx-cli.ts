import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Nx CLI's entry script as the workspace at `root` installed it: the `nx` entry of the `bin`
 * field of the `nx` package that Node's module resolution finds from `root` (what npm links to
 * node_modules/.bin/nx). Never a path written by hand: nx 23 moved it to dist/bin/nx.js.
 */
export function nxCliPath(root: string): string {
  const manifest = require.resolve('nx/package.json', { paths: [root] });
  const { bin } = JSON.parse(readFileSync(manifest, 'utf-8')) as { bin?: string | Record<string, string> };
  const entry = typeof bin === 'string' ? bin : bin?.nx;
  if (!entry) throw new Error(`${manifest} declares no "nx" bin: cannot run the Nx CLI.`);
  return path.resolve(path.dirname(manifest), entry);
}
