// The stack every bench runs on: a throwaway database (migrated and seeded) and the payment
// sandbox as a child process with its own database beside it.
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@safe-checkout/db/testing';
import { createPaymentsDatabase, startPaymentSandbox, type PaymentSandbox } from '@safe-checkout/chaos';
import type { Cleanup } from './bench-lifecycle';

/** The repository root: where the built apps are started from. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** The shop's database and the payment sandbox, started for one bench run. */
export interface BenchStack {
  database: TestDatabase;
  /** The sandbox's own database (its URL), beside the shop's. */
  paymentsUrl: string;
  sandbox: PaymentSandbox;
}

/** Starts the stack, registering how to stop each part in `cleanups` as it starts it. */
export async function startBenchStack(cleanups: Cleanup[], log: (message: string) => void): Promise<BenchStack> {
  log('creating a throwaway database (migrated and seeded)…');
  const database = await createTestDatabase();
  cleanups.push(() => database.dispose());
  log('starting the payment sandbox (child process, its own database)…');
  const payments = await createPaymentsDatabase(database.url);
  cleanups.push(() => payments.dispose());
  const sandbox = await startPaymentSandbox(WORKSPACE_ROOT, payments.url);
  cleanups.push(() => sandbox.stop());
  return { database, paymentsUrl: payments.url, sandbox };
}
