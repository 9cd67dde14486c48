import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { guardPlainClientWrites, plainClientWritesGuarded } from './plain-client-write.guard';

/**
 * The one Prisma client (and connection pool) of the process. Outside production it refuses
 * writes made through it while a transaction is open (plain-client-write.guard.ts): those belong
 * on the transaction's client, `txHost.tx`.
 */
@Global()
@Module({
  providers: [
    {
      provide: PrismaClient,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => {
        const logger = new Logger('Database');
        const client = createPrismaClient({
          databaseUrl: config.databaseUrl,
          poolSize: config.databasePoolSize,
          // The pool replaces the connection by itself; requests that needed it answered 503.
          onConnectionError: (error) => logger.warn(`database connection lost: ${error.message}`),
        });
        return plainClientWritesGuarded() ? guardPlainClientWrites(client) : client;
      },
    },
  ],
  exports: [PrismaClient],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
