import { Body, Controller, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Idempotent } from '@node-idempotency/nestjs';
import { AuthenticatedUser, CreateOrderDto, CurrentUser } from '@safe-checkout/api/composition';
import type { Response } from 'express';
import { KeylessCheckout } from './keyless-checkout';
import { PeerErrorsFilter } from './peer-errors.filter';
import { sendAnswer } from './send-answer';

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
  constructor(private readonly checkout: KeylessCheckout) {}

  @Post('orders-peer')
  @Idempotent()
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateOrderDto, @Res({ passthrough: true }) response: Response): Promise<unknown> {
    // The peer stores the status and Content-Type with the body, not the Location header: its replays lack it.
    return sendAnswer(response, await this.checkout.run({ userId: caller.id, items: body.items, paymentMethod: body.paymentMethod }));
  }
}
