import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ScheduleModule } from '@nestjs/schedule';
import { PrismaClient, transactionConnectionsOf } from '@safe-checkout/db';
import { IdempotencyModule as IdempotencyLibraryModule } from '@safe-checkout/idempotency-nest';
import { PostgresKeySettledSignal, transactionalKeyStore } from '@safe-checkout/idempotency-prisma';
import { activeTraceParent } from '@safe-checkout/tracing';
import type { Request } from 'express';
import { Registry } from 'prom-client';
import { WriteAdmission } from '../admission/write-admission';
import { AuthenticatedRequest } from '../auth/authenticated-user';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { PrismaTransactionHost } from '../database/transaction-host';
import { renderFinalAnswer } from '../checkout/final-answer';

/**
 * One LISTEN connection per process for `Prefer: wait` (idempotency_key_settled), closed on
 * shutdown; none with IDEMPOTENCY_WAIT_NOTIFICATIONS=off (`null`): waiting duplicates poll the key.
 */
@Module({
  providers: [
    {
      provide: PostgresKeySettledSignal,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => {
        if (!config.idempotencyWaitNotifications) return null;
        const logger = new Logger('KeySettledSignal');
        return new PostgresKeySettledSignal({
          databaseUrl: config.databaseUrl,
          // Once per change, not per reconnection attempt: on an engine without LISTEN every attempt fails.
          onListeningChange: (listening, error) =>
            listening
              ? logger.log('LISTEN is back: Prefer: wait is woken by NOTIFY again')
              : logger.warn(`LISTEN failed, Prefer: wait polls the key until it is back (retrying): ${error?.message}`),
        });
      },
    },
  ],
  exports: [PostgresKeySettledSignal],
})
class KeySettledSignalModule implements OnApplicationShutdown {
  constructor(@Inject(PostgresKeySettledSignal) private readonly signal: PostgresKeySettledSignal | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.signal?.close();
  }
}

/**
 * Wires the idempotency libraries into the API: keys in PostgreSQL, scoped by the authenticated
 * user, and recorded in the same transaction as the operation (the CLS transaction host hands the
 * open transaction to both the handler's services and the store).
 */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    IdempotencyLibraryModule.forRootAsync({
      imports: [KeySettledSignalModule],
      inject: [PrismaClient, TransactionHost, API_CONFIG, PostgresKeySettledSignal, WriteAdmission, Registry],
      useFactory: (
        prisma: PrismaClient,
        txHost: PrismaTransactionHost,
        config: ApiConfig,
        settledSignal: PostgresKeySettledSignal | null,
        writes: WriteAdmission,
        metricsRegistry: Registry,
      ) => ({
        ...transactionalKeyStore(prisma, txHost, transactionConnectionsOf(prisma)),
        scopeOf: (request: Request) => (request as AuthenticatedRequest).user?.id,
        ttlSeconds: config.idempotencyKeyTtlSeconds,
        leaseMs: config.idempotencyLeaseMs,
        renderFinalAnswer: renderFinalAnswer,
        metricsRegistry,
        // Duplicates with `Prefer: wait` are woken by NOTIFY from whichever API process settles the
        // key; without it they poll the key (docs/scale.md).
        settledSignal: settledSignal ?? undefined,
        // Only first executions count against the per-user write limit (docs/capacity.md).
        admitNewExecution: (userId: string) => writes.admit(userId),
        // The recovery worker's pass over a stalled key links to this request's trace (docs/tracing.md).
        traceParentOf: activeTraceParent,
      }),
    }),
  ],
})
export class ApiIdempotencyModule {}
