import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { PrismaClient } from '@safe-checkout/db';

/**
 * The request's database handle: inside the idempotency layer's transaction it is that
 * transaction, so a PaymentIntent and the response stored with its key commit together.
 */
export type PrismaTransactionHost = TransactionHost<TransactionalAdapterPrisma<PrismaClient>>;
