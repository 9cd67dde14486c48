import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { DeliveryOutcome } from '../../webhooks/payment-webhook-receiver';
import type { WebhookDeliveryView } from '../../webhooks/payment-webhooks.controller';

const DELIVERY_OUTCOMES = [
  'settled',
  'already_settled',
  'other_payment_intent',
  'unknown_order',
  'duplicate',
  'ignored',
] as const satisfies readonly DeliveryOutcome[];

@ApiSchema({ name: 'WebhookDelivery', description: 'What the shop did with a delivered event (payments.md §5).' })
export class WebhookDeliveryResponse implements WebhookDeliveryView {
  @ApiProperty({ enum: [true] })
  received!: true;

  @ApiProperty({
    enum: DELIVERY_OUTCOMES,
    enumName: 'WebhookDeliveryOutcome',
    description:
      '`settled`: this event settled its order (paid with its receipt, or payment_failed). No change, but recorded: `already_settled` (another path or event settled it first; orders never move backwards), ' +
      '`other_payment_intent` (the PaymentIntent did not pay this order: flagged for a person), `unknown_order`. `duplicate`: an earlier delivery of this event was applied. `ignored`: a type the shop does not handle.',
  })
  outcome!: DeliveryOutcome;
}
