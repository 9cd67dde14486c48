/** The storefront under test, e.g. `http://127.0.0.1:41234` (set by the global setup). */
export function storefrontUrl(): string {
  return required('E2E_STOREFRONT_URL');
}

/** The API behind it, for checking what really happened. */
export function apiUrl(): string {
  return required('E2E_API_URL');
}

/** The payment sandbox every API of the run charges through (`PAYMENT_PROVIDER_URL`). */
export function paymentProviderUrl(): string {
  return required('E2E_PAYMENT_PROVIDER_URL');
}

/** The database both use, for a spec that starts more programs on it (the chaos spec). */
export function databaseUrl(): string {
  return required('E2E_DATABASE_URL');
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is unset: these tests need the globalSetup of apps/storefront/jest.config.js`);
  return value;
}
