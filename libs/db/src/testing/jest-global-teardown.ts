/** Jest `globalTeardown`: disposes the run's database. */
export default async function tearDownTestDatabase(): Promise<void> {
  await globalThis.__SAFE_CHECKOUT_TEST_DATABASE__?.dispose();
}
