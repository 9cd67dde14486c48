import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { asyncLocalTransactionHost, AsyncLocalTransactionHost, PostgresKeySettledSignal } from '@safe-checkout/idempotency-prisma';
import { PrismaClient } from './generated/prisma/client';

export const TRANSACTIONS = Symbol('TRANSACTIONS');
export type Transactions = AsyncLocalTransactionHost<PrismaClient>;

@Global()
@Module({
  providers: [
    { provide: PrismaClient, useFactory: () => new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) }) },
    { provide: TRANSACTIONS, inject: [PrismaClient], useFactory: (prisma: PrismaClient) => asyncLocalTransactionHost(prisma) },
    { provide: PostgresKeySettledSignal, useFactory: () => new PostgresKeySettledSignal({ databaseUrl: process.env.DATABASE_URL! }) },
  ],
  exports: [PrismaClient, TRANSACTIONS, PostgresKeySettledSignal],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(PostgresKeySettledSignal) private readonly signal: PostgresKeySettledSignal,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.signal.close();
    await this.prisma.$disconnect();
  }
}
