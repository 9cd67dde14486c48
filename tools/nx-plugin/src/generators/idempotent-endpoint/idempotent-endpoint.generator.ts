import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { formatFiles, generateFiles, getProjects, GeneratorCallback, joinPathFragments, logger, ProjectConfiguration, Tree } from '@nx/devkit';
import { withModuleRegistered } from './app-module-registration';
import { EndpointNames, endpointNames } from './endpoint-names';
import { withContractRows } from './http-contract-rows';
import { migrationName, migrationSql } from './migration';
import { declaresTable, modelBlock, OWNER_MODEL, tableOf, withEndpointModel } from './prisma-schema';
import type { IdempotentEndpointOptions } from './schema';
import { withParityModel } from './schema-parity-models';

/** Where this workspace keeps what the endpoint touches besides its own folder (README "The map"). */
export const WORKSPACE_FILES = {
  prismaSchema: 'prisma/schema.prisma',
  migrations: 'prisma/migrations',
  httpContract: 'docs/spec/http-contract.md',
  schemaParitySpec: 'libs/db/src/migrations/schema-parity.spec.ts',
  prismaGenerate: 'tools/prisma-generate.mjs',
} as const;

/**
 * `nx g @safe-checkout/nx-plugin:idempotent-endpoint <name>`: a retry-safe `POST /<plural>` and
 * `GET /<plural>/:id` in the API, as docs/first-idempotent-endpoint.md builds them by hand: the
 * feature folder (module, `@Idempotent()` controller, service writing through the transaction
 * host, DTO, representation, HTTP spec), the Prisma model and its migration, the module in
 * app.module.ts, the rows of http-contract.md, and the model in libs/db's schema-parity list.
 */
export async function idempotentEndpointGenerator(tree: Tree, options: IdempotentEndpointOptions): Promise<GeneratorCallback> {
  const n = endpointNames(options.name, options.plural);
  const api = apiProject(tree, options.project ?? '@safe-checkout/api');
  const sourceRoot = api.sourceRoot;
  const featureDir = joinPathFragments(sourceRoot, n.pluralFileName);
  const schema = tree.read(WORKSPACE_FILES.prismaSchema, 'utf-8');
  if (schema === null) throw new Error(`${WORKSPACE_FILES.prismaSchema} not found: run the generator from the workspace root.`);
  refuseCollisions(tree, featureDir, schema, n);

  generateFiles(tree, path.join(__dirname, 'files'), sourceRoot, { ...n, tmpl: '' });
  tree.write(WORKSPACE_FILES.prismaSchema, withEndpointModel(schema, n));
  const migration = migrationName(tree.children(WORKSPACE_FILES.migrations), new Date(), n.tableName);
  tree.write(joinPathFragments(WORKSPACE_FILES.migrations, migration, 'migration.sql'), migrationSql(n, tableOf(schema, OWNER_MODEL)));
  const byHand = [...registerModule(tree, joinPathFragments(sourceRoot, 'app.module.ts'), n), ...listParityModel(tree, n)];
  updateIfPresent(tree, WORKSPACE_FILES.httpContract, (contract) => withContractRows(contract, n));
  // In the repository's Prettier style, so that `npm run format:check` passes on what was generated.
  await formatFiles(tree);

  return () => {
    if (!options.skipPrismaGenerate) {
      regeneratePrismaClient(tree.root);
      // apps/api/openapi.json is checked against the app in CI: describe the new route in it.
      writeOpenApiDocument(tree.root, api.name);
    }
    for (const step of byHand) logger.warn(step);
    logger.info(
      `POST /${n.pluralFileName} is ready: ${featureDir}/. Next: \`npx nx run ${api.name}:test -- ${featureDir.slice(api.root.length + 1)}\`, then docs/first-idempotent-endpoint.md.`,
    );
  };
}

export default idempotentEndpointGenerator;

function apiProject(tree: Tree, project: string): { name: string; root: string; sourceRoot: string } {
  const projects = getProjects(tree);
  const found: [string, ProjectConfiguration] | undefined = projects.has(project)
    ? [project, projects.get(project)!]
    : [...projects.entries()].find(([name]) => name.endsWith(`/${project}`));
  if (!found) throw new Error(`No project ${project} in this workspace (projects: ${[...projects.keys()].join(', ')}).`);
  const [name, config] = found;
  return { name, root: config.root, sourceRoot: config.sourceRoot ?? joinPathFragments(config.root, 'src') };
}

function refuseCollisions(tree: Tree, featureDir: string, schema: string, n: EndpointNames): void {
  const taken = [
    tree.exists(featureDir) && `${featureDir} exists`,
    modelBlock(schema, n.className) && `schema.prisma has a model ${n.className}`,
    declaresTable(schema, n.tableName) && `schema.prisma maps a model to the table ${n.tableName}`,
  ].filter(Boolean);
  if (taken.length) throw new Error(`Cannot add POST /${n.pluralFileName}: ${taken.join('; ')}. Choose another --name (or --plural).`);
}

function registerModule(tree: Tree, appModulePath: string, n: EndpointNames): string[] {
  const registered = updateIfPresent(tree, appModulePath, (appModule) => withModuleRegistered(appModule, n));
  return registered ? [] : [`Add ${n.pluralClassName}Module to the imports of AppModule (${appModulePath}) by hand.`];
}

function listParityModel(tree: Tree, n: EndpointNames): string[] {
  const listed = updateIfPresent(tree, WORKSPACE_FILES.schemaParitySpec, (spec) => withParityModel(spec, n.className));
  return listed ? [] : [`Add '${n.className}' to the list of models in ${WORKSPACE_FILES.schemaParitySpec} by hand.`];
}

/** Rewrites `file` with `change`; false when the file is missing or `change` found nothing to change. */
function updateIfPresent(tree: Tree, file: string, change: (text: string) => string | undefined): boolean {
  const text = tree.read(file, 'utf-8');
  const changed = text === null ? undefined : change(text);
  if (changed === undefined) return false;
  tree.write(file, changed);
  return true;
}

// Builds the API and writes its OpenAPI document (the `openapi` target of apps/api), then the
// storefront's types generated from it: CI fails when either is stale.
function writeOpenApiDocument(root: string, project: string): void {
  execFileSync(process.execPath, [path.join(root, 'node_modules/nx/bin/nx.js'), 'run', `${project}:openapi`, '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync('npm', ['run', 'openapi-types', '--workspace', 'apps/storefront'], { cwd: root, stdio: 'inherit' });
}

// The generated service uses the new model's delegate (`tx.giftCard`): the client must know it
// before anything builds. Offline, like `npm install`'s postinstall (tools/prisma-generate.mjs).
function regeneratePrismaClient(root: string): void {
  execFileSync(process.execPath, [path.join(root, WORKSPACE_FILES.prismaGenerate)], { cwd: root, stdio: 'inherit' });
}
