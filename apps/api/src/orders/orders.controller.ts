import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AtomicOperation, atomicOperation, Idempotent } from '@safe-checkout/idempotency-nest';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { ApiIdempotencyKey } from '../openapi/api-idempotency-key.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ADMISSION_PROBLEMS, AUTHENTICATION_PROBLEMS, IDEMPOTENCY_KEY_PROBLEMS, JSON_BODY_PROBLEMS, SERVER_PROBLEMS } from '../openapi/problem-groups';
import { RESPONSE_HEADERS } from '../openapi/response-headers';
import { OrderPageResponse } from '../openapi/responses/order-page.response';
import { OrderResponse } from '../openapi/responses/order.response';
import { CheckoutInput, CheckoutPhases } from './checkout.phases';
import { CreateOrderDto } from './dto/create-order.dto';
import { ListOrdersQuery } from './dto/list-orders.query';
import { decodeOrderCursor } from './order-cursor';
import type { OrderPageView } from './order-page.representation';
import { OrderView } from './order.representation';
import { OrdersService } from './orders.service';

/** Orders: unsafe by nature (each POST creates one), made safe to retry by Idempotency-Key. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly checkout: CheckoutPhases,
  ) {}

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

  @Get()
  @ApiOperation({
    operationId: 'listOrders',
    summary: "The caller's orders, newest first, a page at a time",
    description: 'Send `nextCursor` back as `cursor` for the next (older) page; it is `null` on the last page.',
  })
  @ApiOkResponse({ type: OrderPageResponse })
  @ApiProblems(AUTHENTICATION_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS, 'validation-failed')
  list(@CurrentUser() caller: AuthenticatedUser, @Query() query: ListOrdersQuery): Promise<OrderPageView> {
    return this.orders.list(caller.id, query.limit, decodeOrderCursor(query.cursor));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getOrder', summary: 'One of the caller’s orders' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Any case; answered in lower case.' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(AUTHENTICATION_PROBLEMS, ADMISSION_PROBLEMS, SERVER_PROBLEMS, 'not-found')
  get(@CurrentUser() caller: AuthenticatedUser, @Param('id') id: string): Promise<OrderView> {
    return this.orders.get(caller.id, id);
  }
}
