import { stopE2eStack } from './global-setup';

/** Jest `globalTeardown`: stops the storefront, the API and the payment sandbox and disposes of the database. */
export default async function tearDownE2eStack(): Promise<void> {
  await stopE2eStack(globalThis.__STOREFRONT_E2E_STACK__);
  globalThis.__STOREFRONT_E2E_STACK__ = undefined;
}
