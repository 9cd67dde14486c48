import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { tracedRequests } from '@safe-checkout/tracing';
import { Logger } from 'nestjs-pino';
import { SandboxConfig } from './config/sandbox-config';
import { prepareSandboxDatabase } from './database/prepare-sandbox-database';
import { answerMalformedRequestsAsStripe } from './http/malformed-request.handler';
import { SandboxModule } from './sandbox.module';
import type { WebhookDeliveryFaults } from './webhooks/delivery/webhook-delivery-faults';

/** What only an entry point decides, never the environment of main.ts. */
export interface SandboxAppOptions {
  /** Faults injected into webhook deliveries (chaos-main.ts); none by default. */
  deliveryFaults?: WebhookDeliveryFaults;
}

/**
 * Prepares the sandbox's database (created if derived and missing, migrated) and builds the
 * configured application, not yet listening: shared by main.ts, chaos-main.ts and the tests.
 */
export async function createSandboxApp(config: SandboxConfig, options: SandboxAppOptions = {}): Promise<INestApplication> {
  await prepareSandboxDatabase(config.database);
  // Stripe's API takes form bodies only: no JSON parser.
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.forRoot(config, options.deliveryFaults), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(tracedRequests());
  // Extended: `metadata[order_id]=…` becomes { metadata: { order_id: … } }, as Stripe reads it.
  app.useBodyParser('urlencoded', { extended: true, limit: '100kb' });
  answerMalformedRequestsAsStripe(app.getHttpServer());
  return app;
}
