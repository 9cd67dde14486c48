import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { API_CONFIG, ApiConfig } from '../config/api-config';

/** The one Prisma client (and connection pool) of the process. */
@Global()
@Module({
  providers: [
    {
      provide: PrismaClient,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => {
        const logger = new Logger('Database');
        return createPrismaClient({
          databaseUrl: config.databaseUrl,
          poolSize: config.databasePoolSize,
          // The pool replaces the connection by itself; requests that needed it answered 503.
          onConnectionError: (error) => logger.warn(`database connection lost: ${error.message}`),
        });
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
