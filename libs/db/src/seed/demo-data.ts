/** Demo accounts: for the demo only (README says so); the password is public. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS = [
  {
    email: 'alice@example.com',
    name: 'Alice Example',
    addressLine1: '1 Retry Road',
    addressLine2: null,
    addressCity: 'Backoff',
    addressPostalCode: '10101',
    addressCountry: 'GB',
  },
  {
    email: 'bob@example.com',
    name: 'Bob Example',
    addressLine1: '2 Jitter Lane',
    addressLine2: 'Flat 3',
    addressCity: 'Lease',
    addressPostalCode: '20202',
    addressCountry: 'DE',
  },
] as const;

/** The catalog. `LOAD-TEST` has enough stock for the benchmarks and soak tests (contract: ≥ 100 000). */
export const DEMO_PRODUCTS = [
  { sku: 'MUG-IDEM', name: 'Idempotent mug', priceCents: 1200, currency: 'EUR', stock: 250 },
  { sku: 'TEE-JITTER', name: 'Full-jitter T-shirt', priceCents: 2500, currency: 'EUR', stock: 120 },
  { sku: 'CAP-BACKOFF', name: 'Exponential backoff cap', priceCents: 1800, currency: 'EUR', stock: 80 },
  { sku: 'STICKER-409', name: 'Sticker: 409 in progress', priceCents: 300, currency: 'EUR', stock: 1000 },
  { sku: 'LAST-ONE', name: 'The last one (stock 1)', priceCents: 9900, currency: 'EUR', stock: 1 },
  { sku: 'LOAD-TEST', name: 'Load-test widget', priceCents: 100, currency: 'EUR', stock: 1_000_000 },
] as const;
