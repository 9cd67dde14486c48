import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Idempotent } from '@safe-checkout/idempotency-nest';
import { Transactions, TRANSACTIONS } from './database.module';

interface PlaceOrder {
  item: string;
  quantity: number;
}

@Controller('orders')
export class OrdersController {
  constructor(@Inject(TRANSACTIONS) private readonly transactions: Transactions) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  place(@Body() order: PlaceOrder) {
    return this.transactions.tx.order.create({ data: { item: order.item, quantity: order.quantity } });
  }
}
