import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AtomicOperation, atomicOperation, Idempotent } from '@safe-checkout/idempotency-nest';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiIdempotencyKey } from '../openapi/api-idempotency-key.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ADMISSION_PROBLEMS, AUTHENTICATION_PROBLEMS, IDEMPOTENCY_KEY_PROBLEMS, JSON_BODY_PROBLEMS, SERVER_PROBLEMS } from '../openapi/problem-groups';
import { RESPONSE_HEADERS } from '../openapi/response-headers';
import { OrderResponse } from '../openapi/responses/order.response';
import type { CheckoutInput } from './checkout-input';
import { CheckoutPhases } from './checkout.phases';
import { CreateOrderDto } from './dto/create-order.dto';

/** The checkout, `POST /orders`: unsafe by nature (each one creates an order), made safe to retry by Idempotency-Key. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutPhases) {}

  /**
   * Places and pays an order: the checkout's atomic phases (checkout.phases.ts), run once per key
   * by the idempotency layer from wherever the key's recovery point says: 201 paid, 402
   * payment-declined, 422, or 503 payment-provider-unavailable (same key resumes at the charge).
   */
  @Post()
  @Idempotent({ phased: true })
  @ApiOperation({
    operationId: 'placeOrder',
    summary: 'Place and pay an order (retry-safe with Idempotency-Key)',
    description:
      'Creates the order, takes the stock and charges the total at the payment provider, at most once per key. ' +
      'Final answers (201, 402, 422 except `idempotency-key-reused`) are stored with the key and replayed to retries. ' +
      'After 503 `payment-provider-unavailable` the same key resumes at the charge, which never happens twice.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: OrderResponse,
    description: 'The order, paid.',
    headers: { ...RESPONSE_HEADERS.location, ...RESPONSE_HEADERS.idempotentReplayed, ...RESPONSE_HEADERS.idempotencyOutcome },
  })
  @ApiProblems(
    JSON_BODY_PROBLEMS,
    IDEMPOTENCY_KEY_PROBLEMS,
    AUTHENTICATION_PROBLEMS,
    ADMISSION_PROBLEMS,
    SERVER_PROBLEMS,
    'payment-declined',
    'insufficient-stock',
    'unknown-product',
    'mixed-currency',
    'order-total-out-of-range',
    'payment-method-invalid',
    'payment-request-invalid',
    'payment-provider-unavailable',
  )
  create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateOrderDto): AtomicOperation {
    const input: CheckoutInput = { userId: caller.id, items: body.items, paymentMethod: body.paymentMethod };
    return atomicOperation(this.checkout.phases, input);
  }
}
