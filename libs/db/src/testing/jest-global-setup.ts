import { createTestDatabase, TestDatabase } from './test-database';

declare global {
  var __SAFE_CHECKOUT_TEST_DATABASE__: TestDatabase | undefined;
}

/**
 * Jest `globalSetup`: one migrated, seeded database per test run, announced to the test workers
 * as `TEST_DATABASE_URL`.
 */
export default async function setUpTestDatabase(): Promise<void> {
  const database = await createTestDatabase();
  globalThis.__SAFE_CHECKOUT_TEST_DATABASE__ = database;
  process.env.TEST_DATABASE_URL = database.url;
}
