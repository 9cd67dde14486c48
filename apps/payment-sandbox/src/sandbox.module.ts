import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { PrismaClient } from '@safe-checkout/db';
import { ClsModule } from 'nestjs-cls';
import { SecretKeyMiddleware } from './auth/secret-key.middleware';
import { ConfigModule } from './config/config.module';
import { SandboxConfig } from './config/sandbox-config';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { SandboxIdempotencyModule } from './idempotency/sandbox-idempotency.module';
import { LoggingModule } from './logging/logging.module';
import { PaymentIntentsModule } from './payment-intents/payment-intents.module';
import { StripeErrorFilter } from './stripe-errors/stripe-error.filter';
import { NO_DELIVERY_FAULTS, WebhookDeliveryFaults } from './webhooks/delivery/webhook-delivery-faults';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The sandbox's composition root: the PaymentIntents API on its database, the idempotency layer,
 * and webhooks with the entry point's delivery faults (none unless chaos-main.ts passes some).
 */
@Module({})
export class SandboxModule implements NestModule {
  static forRoot(config: SandboxConfig, deliveryFaults: WebhookDeliveryFaults = NO_DELIVERY_FAULTS): DynamicModule {
    return {
      module: SandboxModule,
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
        SandboxIdempotencyModule,
        PaymentIntentsModule,
        WebhooksModule.forRoot(deliveryFaults),
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: StripeErrorFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SecretKeyMiddleware).exclude({ path: 'health', method: RequestMethod.GET }).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
