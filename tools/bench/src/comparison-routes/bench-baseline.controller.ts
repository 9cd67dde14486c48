import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuthenticatedUser, CreateOrderDto, CurrentUser } from '@safe-checkout/api/composition';
import type { Response } from 'express';
import { KeylessCheckout } from './keyless-checkout';
import { sendAnswer } from './send-answer';

/**
 * The bench's control group: `POST /bench/orders-baseline` is `POST /orders` without the
 * idempotency layer. Same global auth guard and validation pipe, same DTO, the same checkout
 * phases through the same instances, the same answer (201 + Location); no key parsing,
 * fingerprint, claim, recovery point, stored response or replay.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchBaselineController {
  constructor(private readonly checkout: KeylessCheckout) {}

  @Post('orders-baseline')
  async create(@CurrentUser() caller: AuthenticatedUser, @Body() body: CreateOrderDto, @Res({ passthrough: true }) response: Response): Promise<unknown> {
    return sendAnswer(response, await this.checkout.run({ userId: caller.id, items: body.items, paymentMethod: body.paymentMethod }));
  }
}
