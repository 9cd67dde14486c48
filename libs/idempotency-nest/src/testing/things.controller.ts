import { BadRequestException, Body, Controller, Param, PipeTransform, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Idempotent } from '../idempotent.decorator';
import { AtomicOperation } from '../atomic-operation';
import { shippingOperation, ShippingLog } from './shipping.phases';
import { Thing, ThingsService } from './things.service';

// Stands in for a ValidationPipe: pipes run inside the interceptor, after the key is claimed.
const requireNumericQuantity: PipeTransform = {
  transform(value: unknown) {
    const quantity = (value as { quantity?: unknown } | undefined)?.quantity;
    if (typeof quantity !== 'number') throw new BadRequestException('quantity must be a number');
    return value;
  },
};

/** Routes of the adapter's test application, all backed by {@link ThingsService}. */
@Controller()
export class ThingsController {
  /** What the phases of POST /shipped-things did; tests read and script it. */
  readonly shipping: ShippingLog = { steps: [] };

  constructor(private readonly things: ThingsService) {}

  @Post('things')
  @Idempotent()
  create(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<Thing> {
    return this.createAndLocate(body, response);
  }

  @Put('things')
  @Idempotent()
  replace(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<Thing> {
    return this.createAndLocate(body, response);
  }

  @Post('other-things')
  @Idempotent()
  createOther(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<Thing> {
    return this.createAndLocate(body, response);
  }

  @Post('validated-things')
  @Idempotent()
  createValidated(@Body(requireNumericQuantity) body: unknown, @Res({ passthrough: true }) response: Response): Promise<Thing> {
    return this.createAndLocate(body, response);
  }

  @Post('things/:id/parts')
  @Idempotent()
  createPart(@Param('id') _id: string, @Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<Thing> {
    return this.createAndLocate(body, response);
  }

  @Post('optional-key-things')
  @Idempotent({ keyRequired: false })
  createWithOptionalKey(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<Thing> {
    return this.createAndLocate(body, response);
  }

  @Post('shipped-things')
  @Idempotent({ phased: true })
  ship(@Body() body: unknown): AtomicOperation {
    return shippingOperation(this.things, this.shipping, body);
  }

  @Post('plain-things')
  createPlain(@Body() body: unknown): Promise<Thing> {
    return this.things.create(body);
  }

  private async createAndLocate(body: unknown, response: Response): Promise<Thing> {
    const thing = await this.things.create(body);
    response.setHeader('Location', `/things/${thing.id}`);
    // A per-response secret: it must reach this client but never be stored for a replay.
    response.setHeader('Set-Cookie', `session=${thing.nonce}; HttpOnly`);
    return thing;
  }
}
