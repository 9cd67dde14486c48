import { stopE2eStack } from './global-setup';

/** Jest `globalTeardown`: stops the storefront and the API and disposes of the database. */
export default async function tearDownE2eStack(): Promise<void> {
  await stopE2eStack(globalThis.__STOREFRONT_E2E_STACK__);
  globalThis.__STOREFRONT_E2E_STACK__ = undefined;
}
