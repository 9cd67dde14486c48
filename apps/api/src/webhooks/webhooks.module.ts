import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PaymentWebhookReceiver } from './payment-webhook-receiver';
import { PaymentWebhooksController } from './payment-webhooks.controller';

/** The provider → shop direction (payments.md §5): the signed webhook route and its idempotent receiver. */
@Module({
  imports: [OrdersModule],
  controllers: [PaymentWebhooksController],
  providers: [PaymentWebhookReceiver],
})
export class WebhooksModule {}
