import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';
import { IdempotencyKeyClient, PrismaRawClient, SqlConnection } from './store-statement';

/**
 * Where an app's services find the open transaction: `tx` is its client inside
 * `withTransaction`, and the plain client outside one (e.g. `@nestjs-cls/transactional`'s
 * `TransactionHost`).
 */
export interface TransactionHostLike {
  readonly tx: IdempotencyKeyClient;
  withTransaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The node-postgres side of a Prisma client on `@prisma/adapter-pg`, for apps that can reach it:
 * the pool under the client, and the connection an open transaction runs on. With it the store's
 * hot-path statements skip Prisma's per-statement cost.
 */
export interface TransactionConnections {
  /** The pool under the Prisma client: claims run on it. */
  pool: SqlConnection;
  /** The connection of the transaction opened inside {@link withTransactionConnection}, if any. */
  currentConnection(): SqlConnection | undefined;
  /** Runs `open`, which opens one transaction, so that {@link currentConnection} finds its connection. */
  withTransactionConnection<T>(open: () => Promise<T>): Promise<T>;
}

/** What an app hands the idempotency layer: the store, and how to open the operation's transaction. */
export interface TransactionalKeyStore {
  store: PrismaIdempotencyKeyStore;
  runInTransaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The key store for an app whose services write through a transaction host: the stored response
 * commits in the operation's own transaction. Given `connections`, the store's hot-path statements
 * skip Prisma (claims on the pool, `complete`/`advance` on the transaction's own connection); the
 * two halves belong together, as the transaction's connection is only known inside `runInTransaction`.
 */
export function transactionalKeyStore(
  client: IdempotencyKeyClient,
  transactions: TransactionHostLike,
  connections?: TransactionConnections,
): TransactionalKeyStore {
  const currentClient = () => transactions.tx;
  if (!connections) return { store: new PrismaIdempotencyKeyStore(client, { currentClient }), runInTransaction: (work) => transactions.withTransaction(work) };
  return {
    store: new PrismaIdempotencyKeyStore(client, { currentClient, pool: connections.pool, currentConnection: () => connections.currentConnection() }),
    runInTransaction: (work) => connections.withTransactionConnection(() => transactions.withTransaction(work)),
  };
}

/**
 * The part of a Prisma client {@link asyncLocalTransactionHost} uses: raw statements and
 * interactive transactions, whose client is `Tx`.
 */
export interface PrismaTransactionClient<Tx extends PrismaRawClient = PrismaRawClient> extends PrismaRawClient {
  $transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** A {@link TransactionHostLike} whose `tx` keeps the application's own client type. */
export interface AsyncLocalTransactionHost<Tx extends PrismaRawClient> extends TransactionHostLike {
  readonly tx: Tx;
}

/**
 * A {@link TransactionHostLike} for code without `@nestjs-cls/transactional`: inside
 * `withTransaction`, `tx` is that transaction's client (per async context, so concurrent
 * transactions stay apart); outside, the plain client.
 */
export function asyncLocalTransactionHost<Tx extends PrismaRawClient>(prisma: Tx & PrismaTransactionClient<Tx>): AsyncLocalTransactionHost<Tx> {
  const open = new AsyncLocalStorage<Tx>();
  return {
    get tx() {
      return open.getStore() ?? prisma;
    },
    withTransaction: (work) => prisma.$transaction((tx) => open.run(tx, work)),
  };
}
