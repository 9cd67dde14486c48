// The benchmark's control group: POST /bench/orders-baseline is POST /orders without
// @Idempotent(). Same global auth guard and validation pipe, same DTO, same OrdersService
// instance, same 201 + Location; only the idempotency layer is missing. It exists only in the
// bench's own API process (createApiApp's extraModules), never in a normal run.
//
// Plain JS so that `npm run bench` needs no compile step: the decorators are applied the way
// tsc emits them for apps/api/src/orders/orders.controller.ts.
import 'reflect-metadata';
import { Body, Controller, Module, Post, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CurrentUser } from '../../apps/api/dist/auth/authenticated-user.js';
import { CreateOrderDto } from '../../apps/api/dist/orders/dto/create-order.dto.js';
import { OrdersService } from '../../apps/api/dist/orders/orders.service.js';

export class BenchBaselineController {
  constructor(moduleRef) {
    this.moduleRef = moduleRef;
  }

  // OrdersModule does not export OrdersService; look the one instance up instead of making a
  // second one, so both routes share it (and its Prisma client) exactly.
  onModuleInit() {
    this.orders = this.moduleRef.get(OrdersService, { strict: false });
  }

  async create(caller, body, response) {
    const order = await this.orders.create(caller.id, body);
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
