export { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';
export type { IdempotencyKeyClient, PrismaIdempotencyKeyStoreOptions } from './prisma-idempotency-key.store';
export { isStoreUnavailable } from './store-unavailable';
