import path from 'node:path';
import { formatFiles, generateFiles, getProjects, GeneratorCallback, joinPathFragments, logger, ProjectConfiguration, Tree } from '@nx/devkit';
import { withModuleRegistered } from './app-module-registration';
import { endpointCollisions } from './endpoint-collisions';
import { endpointNameProblems } from './endpoint-name-rules';
import { EndpointNames, endpointNames } from './endpoint-names';
import { FollowUpCommand, followUpCommands } from './follow-up-commands';
import { GenerationReport, generationSummary } from './generation-summary';
import { withContractRows } from './http-contract-rows';
import { migrationName, migrationSql } from './migration';
import { OWNER_MODEL, tableOf, withEndpointModel } from './prisma-schema';
import type { IdempotentEndpointOptions } from './schema';
import { withParityModel } from './schema-parity-models';

/** Where this workspace keeps what the endpoint touches besides its own folder (README "The map"). */
export const WORKSPACE_FILES = {
  prismaSchema: 'prisma/schema.prisma',
  migrations: 'prisma/migrations',
  httpContract: 'docs/spec/http-contract.md',
  schemaParitySpec: 'libs/db/src/migrations/schema-parity.spec.ts',
} as const;

type ApiProject = GenerationReport['api'];

/**
 * `nx g @safe-checkout/nx-plugin:idempotent-endpoint <name>`: a retry-safe `POST /<plural>` and
 * `GET /<plural>/:id` in the API, as docs/first-idempotent-endpoint.md builds them by hand: the
 * feature folder (module, `@Idempotent()` controller, service writing through the transaction
 * host, DTO, representation, HTTP spec), the Prisma model and its migration, the module in
 * app.module.ts, the rows of http-contract.md, and the model in libs/db's schema-parity list.
 *
 * Every check runs before the first write, so a refused name leaves the workspace as it was (Nx
 * writes the tree to disk only when the generator returns). The returned callback runs once the
 * files are on disk (not with `--dry-run`): it regenerates the Prisma client, the OpenAPI document
 * and the storefront's types, then prints what was written and what to do next.
 */
export async function idempotentEndpointGenerator(tree: Tree, options: IdempotentEndpointOptions): Promise<GeneratorCallback> {
  refuse(options.name, endpointNameProblems(options.name, options.plural));
  const n = endpointNames(options.name, options.plural);
  const api = apiProject(tree, options.project ?? '@safe-checkout/api');
  const schema = tree.read(WORKSPACE_FILES.prismaSchema, 'utf-8');
  if (schema === null) throw new Error(`${WORKSPACE_FILES.prismaSchema} not found: run the generator from the workspace root.`);
  const taken = endpointCollisions(tree, api.sourceRoot, schema, n);
  if (taken.length) refuse(options.name, [`POST /${n.pluralFileName} would collide: ${taken.join('; ')}. Choose another name (or --plural).`]);

  const report: GenerationReport = { names: n, api, written: [], regenerated: [], stillToRun: [], byHand: [] };
  writeEndpoint(tree, api, schema, n, report);
  // In the repository's Prettier style, so that `npm run format:check` passes on what was generated.
  await formatFiles(tree);

  const commands = followUpCommands(tree, api);
  return () => {
    if (options.skipPrismaGenerate) report.stillToRun.push(...commands.map((command) => command.byHand));
    else runInOrder(tree.root, commands, report);
    logger.info(`\n${generationSummary(report)}`);
  };
}

export default idempotentEndpointGenerator;

function refuse(name: string | undefined, problems: string[]): void {
  if (!problems.length) return;
  throw new Error(`Cannot add an idempotent endpoint named "${name ?? ''}": nothing was written.\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}

function writeEndpoint(tree: Tree, api: ApiProject, schema: string, n: EndpointNames, report: GenerationReport): void {
  const wrote = (file: string, what: string) => report.written.push({ file, what });
  generateFiles(tree, path.join(__dirname, 'files'), api.sourceRoot, { ...n, tmpl: '' });
  wrote(`${api.sourceRoot}/${n.pluralFileName}/`, 'the controller, service, DTO, representation, module and HTTP spec');
  tree.write(WORKSPACE_FILES.prismaSchema, withEndpointModel(schema, n));
  wrote(WORKSPACE_FILES.prismaSchema, `the ${n.className} model, owned by a ${OWNER_MODEL}`);
  const migration = joinPathFragments(
    WORKSPACE_FILES.migrations,
    migrationName(tree.children(WORKSPACE_FILES.migrations), new Date(), n.tableName),
    'migration.sql',
  );
  tree.write(migration, migrationSql(n, tableOf(schema, OWNER_MODEL)));
  wrote(migration, `the ${n.tableName} table`);

  const appModule = joinPathFragments(api.sourceRoot, 'app.module.ts');
  if (updateIfPresent(tree, appModule, (text) => withModuleRegistered(text, n))) wrote(appModule, `${n.pluralClassName}Module among the imports`);
  else report.byHand.push(`Add ${n.pluralClassName}Module to the imports of AppModule (${appModule}) by hand.`);
  if (updateIfPresent(tree, WORKSPACE_FILES.httpContract, (text) => withContractRows(text, n)))
    wrote(WORKSPACE_FILES.httpContract, 'the two rows, under "Your endpoints"');
  if (updateIfPresent(tree, WORKSPACE_FILES.schemaParitySpec, (text) => withParityModel(text, n.className)))
    wrote(WORKSPACE_FILES.schemaParitySpec, `${n.className} in the list of models`);
  else report.byHand.push(`Add '${n.className}' to the list of models in ${WORKSPACE_FILES.schemaParitySpec} by hand.`);
}

// One failure stops the rest (each needs the one before); the error says what is left to run.
function runInOrder(root: string, commands: FollowUpCommand[], report: GenerationReport): void {
  commands.forEach((command, index) => {
    try {
      command.run(root);
    } catch {
      const left = commands.slice(index).map((rest) => `  ${rest.byHand}`);
      throw new Error(`Regenerating ${command.brings} failed (its output is above). The endpoint's files are written; once fixed, run:\n${left.join('\n')}`);
    }
    report.regenerated.push(command.brings);
  });
}

function apiProject(tree: Tree, project: string): ApiProject {
  const projects = getProjects(tree);
  const found: [string, ProjectConfiguration] | undefined = projects.has(project)
    ? [project, projects.get(project)!]
    : [...projects.entries()].find(([name]) => name.endsWith(`/${project}`));
  if (!found) throw new Error(`No project ${project} in this workspace (projects: ${[...projects.keys()].join(', ')}): nothing was written.`);
  const [name, config] = found;
  return { name, root: config.root, sourceRoot: config.sourceRoot ?? joinPathFragments(config.root, 'src') };
}

/** Rewrites `file` with `change`; false when the file is missing or `change` found nothing to change. */
function updateIfPresent(tree: Tree, file: string, change: (text: string) => string | undefined): boolean {
  const text = tree.read(file, 'utf-8');
  const changed = text === null ? undefined : change(text);
  if (changed === undefined) return false;
  tree.write(file, changed);
  return true;
}
