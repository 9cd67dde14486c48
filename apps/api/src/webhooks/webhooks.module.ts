import { Module } from '@nestjs/common';
import { CheckoutModule } from '../checkout/checkout.module';
import { PaymentWebhookReceiver } from './payment-webhook-receiver';
import { PaymentWebhooksController } from './payment-webhooks.controller';

/** The provider → shop direction (payments.md §5): the signed webhook route and its idempotent receiver. */
@Module({
  imports: [CheckoutModule],
  controllers: [PaymentWebhooksController],
  providers: [PaymentWebhookReceiver],
})
export class WebhooksModule {}
