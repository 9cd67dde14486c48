export { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';
export type { IdempotencyKeyClient, PrismaIdempotencyKeyStoreOptions } from './prisma-idempotency-key.store';
export { isStoreUnavailable } from './store-unavailable';
export { KEY_SETTLED_CHANNEL, PostgresKeyCompletionSignal } from './postgres-key-completion.signal';
export type { PostgresKeyCompletionSignalOptions } from './postgres-key-completion.signal';
export { asyncLocalTransactionHost, transactionalKeyStore } from './transactional-key-store';
export type { TransactionalKeyStore, TransactionHostLike } from './transactional-key-store';
