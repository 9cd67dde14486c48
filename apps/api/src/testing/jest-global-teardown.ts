/** Jest `globalTeardown` of the API's tests: stops the run's payment sandbox, then disposes its database. */
export default async function tearDownApiTestStack(): Promise<void> {
  const stack = globalThis.__SAFE_CHECKOUT_API_TEST_STACK__;
  await stack?.sandbox?.stop();
  await stack?.database.dispose();
}
