/** Jest `globalTeardown` of the bench's tests: stops the sandbox, then drops both databases. */
export default async function tearDownBenchTestStack(): Promise<void> {
  const stack = globalThis.__SAFE_CHECKOUT_BENCH_TEST_STACK__;
  await stack?.sandbox?.stop();
  await stack?.payments?.dispose();
  await stack?.database.dispose();
}
