import { Module } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ScheduleModule } from '@nestjs/schedule';
import { PrismaClient } from '@safe-checkout/db';
import { IdempotencyModule as IdempotencyLibraryModule } from '@safe-checkout/idempotency-nest';
import { PrismaIdempotencyKeyStore } from '@safe-checkout/idempotency-prisma';
import type { Request } from 'express';
import { AuthenticatedRequest } from '../auth/authenticated-user';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { PrismaTransactionHost } from '../database/transaction-host';
import { renderFinalBusinessAnswer } from './final-business-answer';
import { IdempotencyKeyPurgeJob } from './idempotency-key-purge.job';

/**
 * Wires the idempotency libraries into the API: keys in PostgreSQL, scoped by the authenticated
 * user, and recorded in the same transaction as the operation (the CLS transaction host hands the
 * open transaction to both the handler's services and the store).
 */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    IdempotencyLibraryModule.forRootAsync({
      inject: [PrismaClient, TransactionHost, API_CONFIG],
      useFactory: (prisma: PrismaClient, txHost: PrismaTransactionHost, config: ApiConfig) => ({
        store: new PrismaIdempotencyKeyStore(prisma, { currentClient: () => txHost.tx }),
        scopeOf: (request: Request) => (request as AuthenticatedRequest).user?.id,
        ttlSeconds: config.idempotencyKeyTtlSeconds,
        leaseMs: config.idempotencyLeaseMs,
        runInTransaction: (work) => txHost.withTransaction(work),
        renderFinalError: renderFinalBusinessAnswer,
      }),
    }),
  ],
  providers: [IdempotencyKeyPurgeJob],
})
export class IdempotencyModule {}
