import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandResult, runCommand } from '../../testing/run-command';
import { copyWorkspaceFiles, linkInstalledPackages } from '../../testing/workspace-copy';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../../..');
const REPLAY_SCRIPT = path.resolve(__dirname, '../../testing/replay-against-built-api.mjs');
/** A name no endpoint of the repository has, so the copy accepts it. */
const NAME = 'rain-check';
const ROUTE = 'rain-checks';
const MINUTE_MS = 60_000;

// A user's shell, not this test run's: Nx passes its own task variables (NX_WORKSPACE_ROOT_PATH
// among them, which would point the copy's Nx at this workspace), Jest its worker id and NODE_ENV.
const USER_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(NX_|npm_(package|lifecycle)_|JEST_WORKER_ID$|NODE_ENV$|INIT_CWD$)/.test(name))),
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
};

/**
 * The generator as a user runs it, in a fresh copy of this workspace (its tracked files, with the
 * installed packages linked in: testing/workspace-copy.ts): `npx nx g …:idempotent-endpoint`, then
 * what CI checks on the projects the endpoint touches, then the built API replaying a key.
 */
describe(`npx nx g @safe-checkout/nx-plugin:idempotent-endpoint ${NAME}, in a fresh copy of the workspace`, () => {
  let copy: string;
  const durations: string[] = [];

  beforeAll(() => {
    copy = realpathSync(mkdtempSync(path.join(tmpdir(), 'safe-checkout-generator-e2e-')));
    copyWorkspaceFiles(WORKSPACE_ROOT, copy);
    linkInstalledPackages(WORKSPACE_ROOT, copy);
  });
  afterAll(() => {
    console.log(`idempotent-endpoint e2e in ${copy}:\n${durations.join('\n')}`);
    if (copy && !process.env.KEEP_GENERATOR_E2E_COPY) rmSync(copy, { recursive: true, force: true });
  });

  async function step(label: string, command: string, args: string[], timeoutMs: number): Promise<CommandResult> {
    const result = await runCommand(command, args, { cwd: copy, env: USER_ENV, timeoutMs });
    durations.push(`  ${label}: ${(result.durationMs / 1000).toFixed(1)} s`);
    if (result.code !== 0) throw new Error(`${label} (\`${command} ${args.join(' ')}\`) exited ${result.code}:\n${result.output.slice(-6000)}`);
    return result;
  }

  it(
    'exits 0 and prints what it wrote, what it regenerated and what to do next',
    async () => {
      const { output } = await step('generate', 'npx', ['nx', 'g', '@safe-checkout/nx-plugin:idempotent-endpoint', NAME, '--no-interactive'], 5 * MINUTE_MS);
      expect(output).toContain(`POST /${ROUTE} (safe to retry with an Idempotency-Key) and GET /${ROUTE}/:id are in apps/api/src/${ROUTE}/.`);
      expect(output).toContain("Regenerated: the Prisma client, apps/api/openapi.json, the storefront's API types");
      expect(output).toContain(`npx nx run @safe-checkout/api:test -- src/${ROUTE}`);
    },
    6 * MINUTE_MS,
  );

  it(
    "writes in the repository's Prettier style (CI's format check)",
    async () => {
      await step(
        'prettier',
        'npx',
        ['prettier', '--check', `apps/api/src/${ROUTE}`, 'apps/api/src/app.module.ts', 'libs/db/src/migrations/schema-parity.spec.ts'],
        MINUTE_MS,
      );
    },
    2 * MINUTE_MS,
  );

  it(
    'builds, and passes lint',
    async () => {
      await step(
        'build + lint',
        'npx',
        ['nx', 'run-many', '-t', 'build', 'lint', '--projects=@safe-checkout/api,@safe-checkout/db', '--outputStyle=static'],
        4 * MINUTE_MS,
      );
    },
    5 * MINUTE_MS,
  );

  it(
    "passes the generated tests, the OpenAPI drift test and libs/db's schema parity",
    async () => {
      await step(
        'api tests',
        'npx',
        ['nx', 'run', '@safe-checkout/api:test', '--outputStyle=static', '--', `src/${ROUTE}`, 'src/openapi/openapi-document.spec.ts'],
        4 * MINUTE_MS,
      );
      await step('db schema parity', 'npx', ['nx', 'run', '@safe-checkout/db:test', '--outputStyle=static', '--', 'schema-parity'], 2 * MINUTE_MS);
    },
    7 * MINUTE_MS,
  );

  it(
    "passes the storefront's type check and its check that its API types match openapi.json",
    async () => {
      // Without `next build` (a dependency of typecheck, for .next/types): the API types do not need it.
      await step(
        'storefront',
        'npx',
        ['nx', 'run-many', '-t', 'lint', 'typecheck', '--projects=@safe-checkout/storefront', '--excludeTaskDependencies', '--outputStyle=static'],
        3 * MINUTE_MS,
      );
    },
    4 * MINUTE_MS,
  );

  it(
    'is answered by the built API, which replays the same key with Idempotent-Replayed: true',
    async () => {
      const { output } = await step('replay', process.execPath, [REPLAY_SCRIPT, copy, ROUTE], 2 * MINUTE_MS);
      const { first, second } = JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
      expect(first).toMatchObject({ status: 201, replayed: null, body: { note: 'first' } });
      expect(second).toEqual({ ...first, replayed: 'true' });
    },
    3 * MINUTE_MS,
  );
});
