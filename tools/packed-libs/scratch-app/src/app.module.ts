import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@safe-checkout/idempotency-nest';
import { PostgresKeySettledSignal, transactionalKeyStore } from '@safe-checkout/idempotency-prisma';
import type { Request } from 'express';
import { DatabaseModule, Transactions, TRANSACTIONS } from './database.module';
import { FlakyController } from './flaky.controller';
import { PrismaClient } from './generated/prisma/client';
import { OrdersController } from './orders.controller';

@Module({
  imports: [
    DatabaseModule,
    IdempotencyModule.forRootAsync({
      inject: [PrismaClient, TRANSACTIONS, PostgresKeySettledSignal],
      useFactory: (prisma: PrismaClient, transactions: Transactions, settledSignal: PostgresKeySettledSignal) => ({
        ...transactionalKeyStore(prisma, transactions),
        settledSignal,
        scopeOf: (request: Request) => request.header('x-user-id'),
      }),
    }),
  ],
  controllers: [OrdersController, FlakyController],
})
export class AppModule {}
