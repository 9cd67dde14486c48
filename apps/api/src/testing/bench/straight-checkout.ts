import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PrismaTransactionHost } from '../../database/transaction-host';
import { OrderPaymentsService } from '../../orders/order-payments.service';
import { OrderView } from '../../orders/order.representation';
import { OrdersService } from '../../orders/orders.service';
import type { ChargeRun } from '../../payments/charge-attempts';
import { PaymentProvider } from '../../payments/payment-provider';
import type { CheckoutInput } from '../../orders/checkout.phases';

/**
 * The checkout of `POST /orders` (checkout.phases.ts) run straight through, with no idempotency
 * layer of ours around it: the order created awaiting payment in one transaction, the charge at
 * the payment provider (the same retrying client, key derived from the order id, its attempts
 * recorded on the order), the order marked paid in a second transaction. What the bench's control group and the peer's route run.
 */
@Injectable()
export class StraightCheckout implements OnModuleInit {
  private orders!: OrdersService;
  private orderPayments!: OrderPaymentsService;
  private payments!: PaymentProvider;
  private txHost!: PrismaTransactionHost;

  constructor(private readonly moduleRef: ModuleRef) {}

  // OrdersModule exports none but OrdersService: look the app's instances up instead of making
  // second ones, so that these routes share them (the Prisma client, the provider's HTTP client)
  // with POST /orders exactly.
  onModuleInit(): void {
    const anywhere = { strict: false };
    this.orders = this.moduleRef.get(OrdersService, anywhere);
    this.orderPayments = this.moduleRef.get(OrderPaymentsService, anywhere);
    this.payments = this.moduleRef.get(PaymentProvider, anywhere);
    this.txHost = this.moduleRef.get<PrismaTransactionHost>(TransactionHost, anywhere);
  }

  /** Places and pays the order; anything but a successful charge is an error (the bench pays with a card that succeeds). */
  async run(input: CheckoutInput): Promise<OrderView> {
    const created = await this.orders.createAwaitingPayment(input);
    const record = (run: ChargeRun | undefined) => this.orderPayments.recordChargeRun(created.id, run);
    const answer = await this.payments.charge(await this.orderPayments.orderToCharge(created.id), record);
    // Answered 500 and caught by the bench's check that every answer is a 201.
    if (answer.kind !== 'succeeded') throw new Error(`the bench's charge was ${answer.kind}`);
    // The order's record of its charge attempts is the checkout's, not the idempotency layer's: kept.
    return this.txHost.withTransaction(async () => {
      await record(answer.run);
      const settlement = await this.orderPayments.settle(created.id, answer, 'charge_answer');
      if (settlement?.kind !== 'settled') throw new Error(`the bench's order ${created.id} was not settled by its own charge`);
      return settlement.order;
    });
  }
}
