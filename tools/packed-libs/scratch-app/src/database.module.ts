import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { asyncLocalTransactionHost, AsyncLocalTransactionHost, PostgresKeyCompletionSignal } from '@safe-checkout/idempotency-prisma';
import { PrismaClient } from './generated/prisma/client';

export const TRANSACTIONS = Symbol('TRANSACTIONS');
export type Transactions = AsyncLocalTransactionHost<PrismaClient>;

@Global()
@Module({
  providers: [
    { provide: PrismaClient, useFactory: () => new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) }) },
    { provide: TRANSACTIONS, inject: [PrismaClient], useFactory: (prisma: PrismaClient) => asyncLocalTransactionHost(prisma) },
    { provide: PostgresKeyCompletionSignal, useFactory: () => new PostgresKeyCompletionSignal({ databaseUrl: process.env.DATABASE_URL! }) },
  ],
  exports: [PrismaClient, TRANSACTIONS, PostgresKeyCompletionSignal],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(PostgresKeyCompletionSignal) private readonly signal: PostgresKeyCompletionSignal,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.signal.close();
    await this.prisma.$disconnect();
  }
}
