import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { AtomicOperation, atomicOperation, Idempotent } from '@safe-checkout/idempotency-nest';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { CheckoutInput, CheckoutPhases } from './checkout.phases';
import { CreateOrderDto } from './dto/create-order.dto';
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
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'RFC 8941 sf-string, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324"' })
  create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateOrderDto): AtomicOperation {
    const input: CheckoutInput = { userId: caller.id, items: body.items, paymentMethod: body.paymentMethod };
    return atomicOperation(this.checkout.phases, input);
  }

  @Get()
  list(@CurrentUser() caller: AuthenticatedUser): Promise<OrderView[]> {
    return this.orders.list(caller.id);
  }

  @Get(':id')
  get(@CurrentUser() caller: AuthenticatedUser, @Param('id') id: string): Promise<OrderView> {
    return this.orders.get(caller.id, id);
  }
}
