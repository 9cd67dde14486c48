import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { OrderPaymentView, OrderStatus, OrderView, PaymentConfirmation, ReceiptView } from '../../orders/order.representation';
import { ChargeAttemptsResponse } from './charge-attempts.response';

const ORDER_STATUSES = ['awaiting_payment', 'paid', 'payment_failed'] as const satisfies readonly OrderStatus[];
const CURRENCY = { type: String, description: 'ISO 4217 code, as the catalog prices the products.', example: 'EUR' } as const;

@ApiSchema({ name: 'OrderPayment', description: "What paid the order: the provider's PaymentIntent." })
export class OrderPaymentResponse implements OrderPaymentView {
  @ApiProperty({ type: String, example: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' })
  paymentIntentId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Charged amount in minor units (cents).', example: 4200 })
  amount!: number;

  @ApiProperty(CURRENCY)
  currency!: string;
}

const PAYMENT_CONFIRMATIONS = ['charge_answer', 'webhook', 'recovery_worker'] as const satisfies readonly PaymentConfirmation[];

@ApiSchema({ name: 'Receipt', description: 'The one receipt of a paid order (payments.md §5).' })
export class ReceiptResponse implements ReceiptView {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: PAYMENT_CONFIRMATIONS,
    enumName: 'PaymentConfirmation',
    description:
      "How the shop learned that the payment succeeded, whichever came first: the charge's own answer, the provider's webhook, or the recovery worker.",
  })
  confirmedBy!: PaymentConfirmation;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt!: string;
}

@ApiSchema({ name: 'OrderItem' })
export class OrderItemResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  productId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, example: 2 })
  quantity!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Unit price copied from the catalog when the order was placed.', example: 1200 })
  unitPriceCents!: number;
}

/** `implements OrderView`: a field added to the view and not documented here fails the build. */
@ApiSchema({ name: 'Order', description: 'An order of the caller (http-contract.md "Orders", payments.md §2).' })
export class OrderResponse implements OrderView {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  userId!: string;

  @ApiProperty({
    enum: ORDER_STATUSES,
    enumName: 'OrderStatus',
    description: 'How far the checkout got: `awaiting_payment` (charge outcome not known yet), `paid`, `payment_failed` (declined; stock given back).',
  })
  status!: OrderStatus;

  @ApiPropertyOptional({ type: OrderPaymentResponse, description: 'Present once the order is paid.' })
  payment?: OrderPaymentResponse;

  @ApiPropertyOptional({ type: ReceiptResponse, description: 'Present once the order is paid: exactly one per paid order.' })
  receipt?: ReceiptResponse;

  @ApiPropertyOptional({
    type: ChargeAttemptsResponse,
    description:
      "The server's own attempts at the payment provider: the derived key, and each run's attempts with their outcome and the wait before the next. Present for orders placed with a payment method.",
  })
  chargeAttempts?: ChargeAttemptsResponse;

  @ApiProperty({ type: [OrderItemResponse], minItems: 1, maxItems: 50 })
  items!: OrderItemResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 4200 })
  totalCents!: number;

  @ApiProperty(CURRENCY)
  currency!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}
