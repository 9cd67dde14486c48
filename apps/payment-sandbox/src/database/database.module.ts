import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { SANDBOX_CONFIG, SandboxConfig } from '../config/sandbox-config';

// Every request is a few short statements; node-postgres' default pool size is plenty.
const DATABASE_POOL_SIZE = 10;

/** The one Prisma client (and connection pool) of the process, on the sandbox's own database. */
@Global()
@Module({
  providers: [
    {
      provide: PrismaClient,
      inject: [SANDBOX_CONFIG],
      useFactory: (config: SandboxConfig) => {
        const logger = new Logger('Database');
        return createPrismaClient({
          databaseUrl: config.database.url,
          poolSize: DATABASE_POOL_SIZE,
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
