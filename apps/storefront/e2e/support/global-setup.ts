import type { ChildProcess } from 'node:child_process';
import { findFreePort } from '@safe-checkout/db';
import { createTestDatabase, type TestDatabase } from '@safe-checkout/db/testing';
import { BUILT, assertBuilt, startApi, startPaymentSandbox, startStorefront } from './built-programs';
import { stopProgram } from './processes';

/** What the global teardown must stop, in reverse order of starting. */
export interface E2eStack {
  programs: ChildProcess[];
  database?: TestDatabase;
}

declare global {
  var __STOREFRONT_E2E_STACK__: E2eStack | undefined;
}

/**
 * Jest `globalSetup`: a throwaway migrated and seeded database, the built payment sandbox, the
 * built API charging through it and the built storefront, each on a free loopback port. Their
 * URLs reach the test files (run in worker processes started afterwards) through the
 * environment. The chaos spec starts its own sandbox and API (chaos entry points), a chaos proxy in
 * front of each and a storefront, on the same database (`support/chaos-stack.ts`).
 */
export default async function startE2eStack(): Promise<void> {
  assertBuilt(BUILT.paymentSandbox, BUILT.api, BUILT.storefront);
  const stack: E2eStack = { programs: [] };
  globalThis.__STOREFRONT_E2E_STACK__ = stack;
  try {
    stack.database = await createTestDatabase();
    const databaseUrl = stack.database.url;
    const [sandboxPort, apiPort, webPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
    const storefrontUrl = `http://127.0.0.1:${webPort}`;
    const paymentProviderUrl = await startPaymentSandbox(stack.programs, { port: sandboxPort, databaseUrl });
    const apiUrl = await startApi(stack.programs, { entry: BUILT.api, port: apiPort, databaseUrl, paymentProviderUrl, corsOrigin: storefrontUrl });
    await startStorefront(stack.programs, { port: webPort, apiUrl });

    process.env.E2E_PAYMENT_PROVIDER_URL = paymentProviderUrl;
    process.env.E2E_API_URL = apiUrl;
    process.env.E2E_STOREFRONT_URL = storefrontUrl;
    process.env.E2E_DATABASE_URL = stack.database.url;
  } catch (error) {
    await stopE2eStack(stack);
    throw error;
  }
}

/** Stops what {@link startE2eStack} started: storefront, API, payment sandbox, then the database. */
export async function stopE2eStack(stack: E2eStack | undefined): Promise<void> {
  if (!stack) return;
  for (const program of [...stack.programs].reverse()) await stopProgram(program);
  stack.programs = [];
  await stack.database?.dispose();
  stack.database = undefined;
}
