import { DynamicModule, Module } from '@nestjs/common';
import { DeliveryOutbox } from './delivery/delivery-outbox';
import { WEBHOOK_DELIVERY_FAULTS, WebhookDeliveryFaults } from './delivery/webhook-delivery-faults';
import { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker';
import { WebhookEndpointsController } from './endpoints/webhook-endpoints.controller';
import { WebhookEndpointsService } from './endpoints/webhook-endpoints.service';
import { EventsModule } from './events/events.module';

/**
 * Webhooks, the provider → shop direction (payments.md §5): endpoints, events, and the worker
 * that delivers the outbox, with the faults of the entry point (none but in chaos-main.ts).
 */
@Module({})
export class WebhooksModule {
  static forRoot(deliveryFaults: WebhookDeliveryFaults): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [EventsModule],
      controllers: [WebhookEndpointsController],
      providers: [WebhookEndpointsService, DeliveryOutbox, WebhookDeliveryWorker, { provide: WEBHOOK_DELIVERY_FAULTS, useValue: deliveryFaults }],
    };
  }
}
