// The benchmark's control group: POST /bench/orders-baseline is POST /orders without
// @Idempotent(). Same global auth guard and validation pipe, same DTO, same 201 + Location, and
// the same checkout through the same service instances: the order created awaiting payment in one
// transaction, the charge at the payment provider (the same PaymentProvider: retrying client,
// key derived from the order id), the order marked paid in a second transaction. Only the
// idempotency layer is missing: no claim, no recovery point advanced with each phase, no stored
// response, no replay. It exists only in the bench's own API process (createApiApp's
// extraModules), never in a normal run.
//
// Plain JS so that `npm run bench` needs no compile step: the decorators are applied the way
// tsc emits them for apps/api/src/orders/orders.controller.ts.
import 'reflect-metadata';
import { Body, Controller, Module, Post, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { CurrentUser } from '../../apps/api/dist/auth/authenticated-user.js';
import { CreateOrderDto } from '../../apps/api/dist/orders/dto/create-order.dto.js';
import { OrderPaymentsService } from '../../apps/api/dist/orders/order-payments.service.js';
import { OrdersService } from '../../apps/api/dist/orders/orders.service.js';
import { PaymentProvider } from '../../apps/api/dist/payments/payment-provider.js';

export class BenchBaselineController {
  constructor(moduleRef) {
    this.moduleRef = moduleRef;
  }

  // OrdersModule exports none of these; look the one instances up instead of making second ones,
  // so both routes share them (their Prisma client, the provider's HTTP client) exactly.
  onModuleInit() {
    const find = (token) => this.moduleRef.get(token, { strict: false });
    Object.assign(this, { orders: find(OrdersService), orderPayments: find(OrderPaymentsService), payments: find(PaymentProvider), txHost: find(TransactionHost) });
  }

  // The phases of checkout.phases.ts, run straight through.
  async create(caller, body, response) {
    const created = await this.orders.createAwaitingPayment({ userId: caller.id, items: body.items, paymentMethod: body.paymentMethod });
    const answer = await this.payments.charge(await this.orderPayments.orderToCharge(created.id));
    // The bench pays with a card that succeeds: anything else is a broken bench, answered 500 and
    // reported by its check that every answer is a 201.
    if (answer.kind !== 'succeeded') throw new Error(`the baseline's charge was ${answer.kind}`);
    const order = await this.txHost.withTransaction(() => this.orderPayments.markPaid(created.id, answer.paymentIntent));
    response.status(201).setHeader('Location', `/orders/${order.id}`);
    return order;
  }
}

const param = (index, decorator) => (target, key) => decorator(target, key, index);

Reflect.decorate(
  [
    Post('orders-baseline'),
    param(0, CurrentUser()),
    param(1, Body()),
    param(2, Res({ passthrough: true })),
    // The global ValidationPipe validates against this metatype, as it does for POST /orders.
    Reflect.metadata('design:paramtypes', [Object, CreateOrderDto, Object]),
  ],
  BenchBaselineController.prototype,
  'create',
  Object.getOwnPropertyDescriptor(BenchBaselineController.prototype, 'create'),
);
Reflect.decorate([Controller('bench'), Reflect.metadata('design:paramtypes', [ModuleRef])], BenchBaselineController);

export class BenchBaselineModule {}
Reflect.decorate([Module({ controllers: [BenchBaselineController] })], BenchBaselineModule);
