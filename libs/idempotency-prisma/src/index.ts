export { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';
export type { PrismaIdempotencyKeyStoreOptions } from './prisma-idempotency-key.store';
export type { IdempotencyKeyClient, NamedStatement, PrismaRawClient, SqlConnection } from './store-statement';
export { isStoreUnavailable } from './store-unavailable';
export { KEY_SETTLED_CHANNEL, PostgresKeySettledSignal } from './postgres-key-settled.signal';
export type { PostgresKeySettledSignalOptions } from './postgres-key-settled.signal';
export { asyncLocalTransactionHost, transactionalKeyStore } from './transactional-key-store';
export type {
  AsyncLocalTransactionHost,
  PrismaTransactionClient,
  TransactionConnections,
  TransactionHostLike,
  TransactionalKeyStore,
} from './transactional-key-store';
