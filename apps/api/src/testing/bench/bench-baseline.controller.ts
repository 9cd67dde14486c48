import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '../../auth/authenticated-user';
import { CreateOrderDto } from '../../orders/dto/create-order.dto';
import { OrderView } from '../../orders/order.representation';
import { StraightCheckout } from './straight-checkout';

/**
 * The bench's control group: `POST /bench/orders-baseline` is `POST /orders` without the
 * idempotency layer. Same global auth guard and validation pipe, same DTO, same 201 + Location,
 * the same checkout through the same service instances; no key parsing, fingerprint, claim,
 * recovery point, stored response or replay.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchBaselineController {
  constructor(private readonly checkout: StraightCheckout) {}

  @Post('orders-baseline')
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateOrderDto, @Res({ passthrough: true }) response: Response): Promise<OrderView> {
    const order = await this.checkout.run({ userId: caller.id, items: body.items, paymentMethod: body.paymentMethod });
    response.status(201).setHeader('Location', `/orders/${order.id}`);
    return order;
  }
}
