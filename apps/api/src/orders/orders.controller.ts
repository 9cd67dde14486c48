import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '@safe-checkout/idempotency-nest';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrderView } from './order.representation';
import { OrdersService } from './orders.service';

/** Orders: unsafe by nature (each POST creates one), made safe to retry by Idempotency-Key. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'RFC 8941 sf-string, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324"' })
  async create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: CreateOrderDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderView> {
    const order = await this.orders.create(caller.id, body);
    response.status(201).setHeader('Location', `/orders/${order.id}`);
    return order;
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
