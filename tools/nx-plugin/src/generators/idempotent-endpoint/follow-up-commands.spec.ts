import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { followUpCommands, PRISMA_GENERATE_SCRIPT, STOREFRONT } from './follow-up-commands';
import { nxCliPath } from './nx-cli';

// Only execFileSync: Nx itself uses the rest of child_process as it loads.
jest.mock('node:child_process', () => ({ ...jest.requireActual('node:child_process'), execFileSync: jest.fn() }));

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../../..');
const API = { name: '@safe-checkout/api', root: 'apps/api' };

function treeWith(files: Record<string, string>) {
  const tree = createTreeWithEmptyWorkspace();
  for (const [file, text] of Object.entries(files)) tree.write(file, text);
  return tree;
}
const scripts = (names: string[]) => JSON.stringify({ scripts: Object.fromEntries(names.map((name) => [name, 'x'])) });

describe('followUpCommands(tree, api)', () => {
  const everything = {
    [PRISMA_GENERATE_SCRIPT]: '',
    'apps/api/package.json': scripts(['build', 'openapi']),
    [`${STOREFRONT.root}/package.json`]: scripts([STOREFRONT.script]),
  };

  it('regenerates the Prisma client, then the OpenAPI document, then the storefront types', () => {
    expect(followUpCommands(treeWith(everything), API).map((command) => command.byHand)).toEqual([
      'node tools/prisma-generate.mjs',
      'npx nx run @safe-checkout/api:openapi',
      'npx nx run @safe-checkout/storefront:openapi-types',
    ]);
  });

  it('leaves out a step whose script this workspace does not have', () => {
    const withoutStorefront = Object.fromEntries(Object.entries(everything).filter(([file]) => !file.startsWith(STOREFRONT.root)));
    expect(followUpCommands(treeWith(withoutStorefront), API).map((command) => command.byHand)).toEqual([
      'node tools/prisma-generate.mjs',
      'npx nx run @safe-checkout/api:openapi',
    ]);
  });

  it('runs Nx targets with the Nx CLI that module resolution finds, under the running Node', () => {
    followUpCommands(treeWith(everything), API)[1].run(WORKSPACE_ROOT);
    expect(execFileSync).toHaveBeenCalledWith(process.execPath, [nxCliPath(WORKSPACE_ROOT), 'run', '@safe-checkout/api:openapi', '--outputStyle=static'], {
      cwd: WORKSPACE_ROOT,
      stdio: 'inherit',
    });
    expect(nxCliPath(WORKSPACE_ROOT)).not.toBe(path.join(WORKSPACE_ROOT, 'node_modules/nx/bin/nx.js'));
  });
});
