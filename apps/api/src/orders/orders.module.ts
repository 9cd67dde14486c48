import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { CheckoutRecoveryWorker } from './checkout-recovery.worker';
import { CheckoutPhases } from './checkout.phases';
import { OrderPaymentsService } from './order-payments.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [PaymentsModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrderPaymentsService, CheckoutPhases, CheckoutRecoveryWorker],
  exports: [OrdersService, OrderPaymentsService, CheckoutRecoveryWorker],
})
export class OrdersModule {}
