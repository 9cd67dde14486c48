import { createTestDatabase, TestDatabase } from '@safe-checkout/db/testing';
import { PaymentSandboxProcess, startPaymentSandbox } from './payment-sandbox-process';

declare global {
  var __SAFE_CHECKOUT_API_TEST_STACK__: { database: TestDatabase; sandbox?: PaymentSandboxProcess } | undefined;
}

/**
 * Jest `globalSetup` of the API's tests: one migrated, seeded database per run (`TEST_DATABASE_URL`)
 * and one payment sandbox process charging into it (`TEST_PAYMENT_PROVIDER_URL`), as `npm start`
 * runs them. Tests that crash or stop the provider start a sandbox of their own.
 */
export default async function setUpApiTestStack(): Promise<void> {
  const database = await createTestDatabase();
  globalThis.__SAFE_CHECKOUT_API_TEST_STACK__ = { database };
  process.env.TEST_DATABASE_URL = database.url;
  const sandbox = await startPaymentSandbox(database.url);
  globalThis.__SAFE_CHECKOUT_API_TEST_STACK__.sandbox = sandbox;
  process.env.TEST_PAYMENT_PROVIDER_URL = sandbox.url;
}
