import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Tree } from '@nx/devkit';
import { nxCliPath } from './nx-cli';

/** A command the generator runs once the files are on disk, and which a user can run again by hand. */
export interface FollowUpCommand {
  /** What it brings up to date, for the summary (`the Prisma client`). */
  brings: string;
  /** The command as a user types it in the workspace root. */
  byHand: string;
  /** Runs it in `root`, its output shown; throws when it fails. */
  run(root: string): void;
}

/** The script that runs `prisma generate` offline (the root package's postinstall). */
export const PRISMA_GENERATE_SCRIPT = 'tools/prisma-generate.mjs';

/** The storefront, whose `openapi-types` script writes its API types from apps/api/openapi.json. */
export const STOREFRONT = { project: '@safe-checkout/storefront', root: 'apps/storefront', script: 'openapi-types' } as const;

/**
 * What must be regenerated after an endpoint is added, in order: the Prisma client (the service
 * uses the new model's delegate), the API's OpenAPI document (its `openapi` target builds the API
 * first), then the storefront's types generated from that document. CI fails when either of the
 * last two is stale. Steps whose script or target this workspace lacks are left out.
 */
export function followUpCommands(tree: Tree, api: { name: string; root: string }): FollowUpCommand[] {
  const commands: FollowUpCommand[] = [];
  if (tree.exists(PRISMA_GENERATE_SCRIPT)) {
    commands.push({
      brings: 'the Prisma client',
      byHand: `node ${PRISMA_GENERATE_SCRIPT}`,
      run: (root) => node(root, [path.join(root, PRISMA_GENERATE_SCRIPT)]),
    });
  }
  if (hasScript(tree, api.root, 'openapi')) commands.push(nxTarget(api.name, 'openapi', `${api.root}/openapi.json`));
  if (hasScript(tree, STOREFRONT.root, STOREFRONT.script)) {
    commands.push(nxTarget(STOREFRONT.project, STOREFRONT.script, `the storefront's API types (${STOREFRONT.root}/src/lib/api/openapi.gen.ts)`));
  }
  return commands;
}

// Through `nx run`, so that the target's dependsOn (the API's build) runs first, as it would by hand.
// The devkit's runExecutor would run the one executor without its dependencies.
function nxTarget(project: string, target: string, brings: string): FollowUpCommand {
  return {
    brings,
    byHand: `npx nx run ${project}:${target}`,
    run: (root) => node(root, [nxCliPath(root), 'run', `${project}:${target}`, '--outputStyle=static']),
  };
}

function node(root: string, args: string[]): void {
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
}

function hasScript(tree: Tree, projectRoot: string, script: string): boolean {
  const manifest = tree.read(`${projectRoot}/package.json`, 'utf-8');
  return manifest !== null && typeof (JSON.parse(manifest) as { scripts?: Record<string, string> }).scripts?.[script] === 'string';
}
