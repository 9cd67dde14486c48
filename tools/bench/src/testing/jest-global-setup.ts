import path from 'node:path';
import { createPaymentsDatabase, startPaymentSandbox, type PaymentsDatabase, type PaymentSandbox } from '@safe-checkout/chaos';
import { createTestDatabase, type TestDatabase } from '@safe-checkout/db/testing';

declare global {
  var __SAFE_CHECKOUT_BENCH_TEST_STACK__: { database: TestDatabase; payments?: PaymentsDatabase; sandbox?: PaymentSandbox } | undefined;
}

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/**
 * Jest `globalSetup` of the bench's tests: a migrated, seeded database (`BENCH_TEST_DATABASE_URL`)
 * and the built payment sandbox with its own (`BENCH_TEST_PAYMENT_PROVIDER_URL`), as the bench
 * itself starts them. Outside the test sandbox, where the embedded database's ESM loads.
 */
export default async function setUpBenchTestStack(): Promise<void> {
  const database = await createTestDatabase();
  const stack: NonNullable<typeof globalThis.__SAFE_CHECKOUT_BENCH_TEST_STACK__> = { database };
  globalThis.__SAFE_CHECKOUT_BENCH_TEST_STACK__ = stack;
  process.env.BENCH_TEST_DATABASE_URL = database.url;
  stack.payments = await createPaymentsDatabase(database.url);
  stack.sandbox = await startPaymentSandbox(WORKSPACE_ROOT, stack.payments.url);
  process.env.BENCH_TEST_PAYMENT_PROVIDER_URL = stack.sandbox.url;
}
