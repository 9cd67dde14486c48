import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceVersionOf } from './pack-libraries';
import { outsideWorkspaceEnv, runCommand } from './run-command';

const TEMPLATE = path.resolve(__dirname, '../scratch-app');
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const TOOL_TIMEOUT_MS = 2 * 60_000;

// What a NestJS + Prisma application has besides the packed libraries: public packages only.
const RUNTIME_PACKAGES = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/schedule',
  '@prisma/adapter-pg',
  '@prisma/client',
  'axios',
  'pg',
  'prom-client',
  'reflect-metadata',
  'rxjs',
];
const BUILD_PACKAGES = ['@types/express', '@types/node', '@types/pg', 'prisma', 'typescript'];

/**
 * Writes the scratch application (tools/packed-libs/scratch-app) into `dir` with a package.json of
 * its own, installs it with plain `npm install` (tarballs and the public registry, through npm's
 * cache), pastes the packaged Prisma model into its schema, generates its client and compiles it.
 */
export async function buildScratchApp(dir: string, tarballs: ReadonlyMap<string, string>): Promise<void> {
  cpSync(TEMPLATE, dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(scratchPackageJson(tarballs), null, 2));
  const env = outsideWorkspaceEnv({ CI: 'true' });
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, env, timeoutMs: INSTALL_TIMEOUT_MS });
  pastePrismaModel(dir);
  // Prisma 7's CLI looks for its downloadable schema engine even for `generate`, which does not
  // use it: any existing file satisfies the check offline.
  const prismaEnv = { ...env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  await runCommand(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { cwd: dir, env: prismaEnv, timeoutMs: TOOL_TIMEOUT_MS });
  await runCommand(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: dir, env, timeoutMs: TOOL_TIMEOUT_MS });
}

function scratchPackageJson(tarballs: ReadonlyMap<string, string>) {
  const pinned = (names: string[]) => Object.fromEntries(names.map((name) => [name, workspaceVersionOf(name)]));
  return {
    name: 'packed-libraries-scratch-app',
    private: true,
    dependencies: { ...Object.fromEntries([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`])), ...pinned(RUNTIME_PACKAGES) },
    devDependencies: pinned(BUILD_PACKAGES),
  };
}

// As the package's README says: its model goes into the application's schema.prisma as it is.
function pastePrismaModel(dir: string): void {
  const model = readFileSync(path.join(dir, 'node_modules/@safe-checkout/idempotency-prisma/prisma/idempotency-key.prisma'), 'utf8');
  const schema = path.join(dir, 'prisma/schema.prisma');
  writeFileSync(schema, `${readFileSync(schema, 'utf8')}\n${model}`);
}

/** The SQL a user applies once: the application's own table and the package's. */
export function scratchAppSql(dir: string): string[] {
  return [
    readFileSync(path.join(dir, 'sql/orders.sql'), 'utf8'),
    readFileSync(path.join(dir, 'node_modules/@safe-checkout/idempotency-prisma/sql/idempotency-keys.sql'), 'utf8'),
  ];
}
