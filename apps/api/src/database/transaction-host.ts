import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { PrismaClient } from '@safe-checkout/db';

/**
 * The request's database handle: inside `withTransaction` (or `@Transactional()`) it is the
 * open transaction, so every write of one operation — and the idempotency record stored with
 * it — commits or rolls back together.
 */
export type PrismaTransactionHost = TransactionHost<TransactionalAdapterPrisma<PrismaClient>>;
