import { AsyncLocalStorage } from 'node:async_hooks';
import { connectionPoolOf, transactionConnection, withTransactionConnection } from '@safe-checkout/db';
import type { PrismaClient } from '@safe-checkout/db';
import { IdempotencyKeyClient, PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';

/**
 * Where an app's services find the open transaction: `tx` is its client inside
 * `withTransaction`, and the plain client outside one (e.g. `@nestjs-cls/transactional`'s
 * `TransactionHost`).
 */
export interface TransactionHostLike {
  readonly tx: IdempotencyKeyClient;
  withTransaction<T>(work: () => Promise<T>): Promise<T>;
}

/** What an app hands the idempotency layer: the store, and how to open the operation's transaction. */
export interface TransactionalKeyStore {
  store: PrismaIdempotencyKeyStore;
  runInTransaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The key store for an app whose services write through a transaction host: the stored response
 * commits in the operation's own transaction, and the store's hot-path statements skip Prisma
 * (claims on the pool, `complete`/`advance` on the transaction's own connection). The two halves
 * belong together: the transaction's connection is only known inside `runInTransaction`.
 * `prisma` must come from libs/db `createPrismaClient`.
 */
export function transactionalKeyStore(prisma: PrismaClient, transactions: TransactionHostLike): TransactionalKeyStore {
  return {
    store: new PrismaIdempotencyKeyStore(prisma, {
      currentClient: () => transactions.tx,
      pool: connectionPoolOf(prisma),
      currentConnection: transactionConnection,
    }),
    runInTransaction: (work) => withTransactionConnection(() => transactions.withTransaction(work)),
  };
}

/**
 * A {@link TransactionHostLike} for code without `@nestjs-cls/transactional`: inside
 * `withTransaction`, `tx` is that transaction's client (per async context, so concurrent
 * transactions stay apart); outside, the plain client.
 */
export function asyncLocalTransactionHost(prisma: PrismaClient): TransactionHostLike {
  const open = new AsyncLocalStorage<IdempotencyKeyClient>();
  return {
    get tx() {
      return open.getStore() ?? prisma;
    },
    withTransaction: (work) => prisma.$transaction((tx) => open.run(tx, work)),
  };
}
