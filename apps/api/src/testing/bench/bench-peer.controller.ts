import { Body, Controller, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Idempotent } from '@node-idempotency/nestjs';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '../../auth/authenticated-user';
import { CreateOrderDto } from '../../orders/dto/create-order.dto';
import { OrderView } from '../../orders/order.representation';
import { PeerErrorsFilter } from './peer-errors.filter';
import { StraightCheckout } from './straight-checkout';

/**
 * The nearest NestJS peer, `@node-idempotency/nestjs`, on the baseline's route: its `@Idempotent()`
 * interceptor (store from BenchModule: in memory, per process) around the same checkout, behind
 * the same global auth guard and validation pipe. Used as its README shows, with its defaults;
 * its own errors keep their status (PeerErrorsFilter).
 */
@ApiExcludeController()
@Controller('bench')
@UseFilters(PeerErrorsFilter)
export class BenchPeerController {
  constructor(private readonly checkout: StraightCheckout) {}

  @Post('orders-peer')
  @Idempotent()
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateOrderDto, @Res({ passthrough: true }) response: Response): Promise<OrderView> {
    const order = await this.checkout.run({ userId: caller.id, items: body.items, paymentMethod: body.paymentMethod });
    // The peer stores the status and Content-Type with the body, not this header: its replays lack it.
    response.status(201).setHeader('Location', `/orders/${order.id}`);
    return order;
  }
}
