import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@safe-checkout/db';
import { createTestDatabase, type TestDatabase } from '@safe-checkout/db/testing';
import { startProgram, stopProgram, waitUntilReady } from './processes';

const ROOT = path.resolve(__dirname, '../../../..');
const STOREFRONT = path.join(ROOT, 'apps/storefront');
const API_MAIN = path.join(ROOT, 'apps/api/dist/main.js');
const NEXT_CLI = require.resolve('next/dist/bin/next', { paths: [STOREFRONT] });

/** What the global teardown must stop, in reverse order of starting. */
export interface E2eStack {
  programs: ChildProcess[];
  database?: TestDatabase;
}

declare global {
  var __STOREFRONT_E2E_STACK__: E2eStack | undefined;
}

/**
 * Jest `globalSetup`: a throwaway migrated and seeded database, the built API and the built
 * storefront, each on a free loopback port. Their URLs reach the test files (run in worker
 * processes started afterwards) through the environment.
 */
export default async function startE2eStack(): Promise<void> {
  for (const built of [API_MAIN, path.join(STOREFRONT, '.next/BUILD_ID')]) {
    if (!existsSync(built)) throw new Error(`${path.relative(ROOT, built)} is missing: run \`npx nx run @safe-checkout/storefront:test\`, which builds first`);
  }
  const stack: E2eStack = { programs: [] };
  globalThis.__STOREFRONT_E2E_STACK__ = stack;
  try {
    stack.database = await createTestDatabase();
    const [apiPort, webPort] = [await findFreePort(), await findFreePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const storefrontUrl = `http://127.0.0.1:${webPort}`;

    const api = startProgram('API', [API_MAIN], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: stack.database.url, HOST: '127.0.0.1', PORT: String(apiPort), CORS_ORIGINS: storefrontUrl, LOG_LEVEL: 'warn' },
    });
    stack.programs.push(api);
    await waitUntilReady('API', `${apiUrl}/health`, api);

    const web = startProgram('Storefront', [NEXT_CLI, 'start', '--port', String(webPort), '--hostname', '127.0.0.1'], {
      cwd: STOREFRONT,
      env: { ...process.env, SAFE_CHECKOUT_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    stack.programs.push(web);
    await waitUntilReady('Storefront', `${storefrontUrl}/how-it-works`, web);

    process.env.E2E_API_URL = apiUrl;
    process.env.E2E_STOREFRONT_URL = storefrontUrl;
  } catch (error) {
    await stopE2eStack(stack);
    throw error;
  }
}

/** Stops what {@link startE2eStack} started: storefront, API, then the database. */
export async function stopE2eStack(stack: E2eStack | undefined): Promise<void> {
  if (!stack) return;
  for (const program of [...stack.programs].reverse()) await stopProgram(program);
  stack.programs = [];
  await stack.database?.dispose();
  stack.database = undefined;
}
