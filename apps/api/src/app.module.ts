import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaClient } from '@safe-checkout/db';
import { ClsModule } from 'nestjs-cls';
import { AdmissionModule } from './admission/admission.module';
import { AuthModule } from './auth/auth.module';
import { CheckoutModule } from './checkout/checkout.module';
import { ApiConfig } from './config/api-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JsonBodyModule } from './http/json-body.module';
import { HealthModule } from './health/health.module';
import { ApiIdempotencyModule } from './idempotency/api-idempotency.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrdersModule } from './orders/orders.module';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { ProblemsController } from './problems/problems.controller';
import { ProductsModule } from './products/products.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The API's composition root: wires feature modules to the database and the idempotency layer.
 * A program that adds modules of its own (chaos-main.ts, the bench) imports it beside them.
 */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        LoggingModule,
        ClsModule.forRoot({
          global: true,
          middleware: { mount: true },
          plugins: [
            new ClsPluginTransactional({
              imports: [DatabaseModule],
              adapter: new TransactionalAdapterPrisma<PrismaClient>({ prismaInjectionToken: PrismaClient }),
            }),
          ],
        }),
        AdmissionModule,
        ApiIdempotencyModule,
        MetricsModule,
        // After logging and metrics (their middleware sees refused bodies), before every route.
        JsonBodyModule,
        AuthModule,
        ProductsModule,
        UsersModule,
        CheckoutModule,
        OrdersModule,
        WebhooksModule,
        HealthModule,
      ],
      controllers: [ProblemsController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
