import { Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma, PrismaClient } from '@safe-checkout/db';
import { PlainClientWriteInTransactionError } from './plain-client-write-in-transaction.error';

/** The model delegates' methods that write. Reads (`find*`, `count`, `aggregate`, `groupBy`) stay allowed. */
const WRITE_METHODS: ReadonlySet<string> = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);

/**
 * Client methods that write. `$queryRaw` is not among them: it is how raw reads are made, so it
 * stays allowed (an `INSERT … RETURNING` through it is not caught: use `$executeRaw` for writes).
 */
const RAW_WRITE_METHODS: ReadonlySet<string> = new Set(['$executeRaw', '$executeRawUnsafe']);

/** `Order` → `order`: the property the client exposes each model's delegate under. */
const MODEL_DELEGATES: ReadonlySet<string> = new Set(Object.values(Prisma.ModelName).map((model) => model[0].toLowerCase() + model.slice(1)));

/**
 * Whether the guard is on: everywhere but `NODE_ENV=production`, where the client is handed out
 * unwrapped and the check costs nothing.
 */
export function plainClientWritesGuarded(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production';
}

/** Whether a `@nestjs-cls/transactional` transaction is open in the current async context. */
export function clsTransactionOpen(): boolean {
  let txHost: TransactionHost;
  try {
    // Static lookup: the transaction host is built from this very client, so it cannot be injected here.
    txHost = TransactionHost.getInstance();
  } catch {
    return false;
  }
  return txHost.isTransactionActive();
}

/**
 * Wraps the process's `PrismaClient` so that a write made through it while a transaction is open
 * (`isTransactionOpen()`) throws {@link PlainClientWriteInTransactionError} instead of silently
 * committing outside that transaction, and outside the stored response of the idempotent
 * operation that opened it. Writes through the transaction's own client (`txHost.tx`), reads, and
 * writes when no transaction is open pass through unchanged.
 *
 * The transaction's client is not wrapped: the transaction host opens it with `$transaction` on
 * the client underneath, so only calls made on this wrapper are checked. A Prisma query extension
 * could not tell the two apart without Prisma internals, since its hooks run for both.
 */
export function guardPlainClientWrites(client: PrismaClient, isTransactionOpen: () => boolean = clsTransactionOpen): PrismaClient {
  const logger = new Logger('TransactionRule');
  const refuseInTransaction = (call: string) => {
    if (!isTransactionOpen()) return;
    const error = new PlainClientWriteInTransactionError(call);
    logger.error(error.problem.detail);
    throw error;
  };
  const guardedCall = (owner: object, method: (...args: unknown[]) => unknown, call: string) =>
    function (...args: unknown[]) {
      refuseInTransaction(call);
      return method.apply(owner, args);
    };
  const delegates = new Map<string, object>();
  const guardedDelegate = (name: string, delegate: object) =>
    new Proxy(delegate, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        return typeof property === 'string' && WRITE_METHODS.has(property) ? guardedCall(target, method, `prisma.${name}.${property}()`) : method.bind(target);
      },
    });
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof property !== 'string') return value;
      if (MODEL_DELEGATES.has(property) && typeof value === 'object' && value !== null) {
        let delegate = delegates.get(property);
        if (!delegate) delegates.set(property, (delegate = guardedDelegate(property, value)));
        return delegate;
      }
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return RAW_WRITE_METHODS.has(property) ? guardedCall(target, method, `prisma.${property}`) : method.bind(target);
    },
  });
}
