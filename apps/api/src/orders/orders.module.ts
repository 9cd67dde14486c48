import { Module } from '@nestjs/common';
import { CheckoutModule } from '../checkout/checkout.module';
import { CheckoutRecoveryWorker } from './checkout-recovery.worker';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [CheckoutModule],
  controllers: [OrdersController],
  providers: [OrdersService, CheckoutRecoveryWorker],
  exports: [OrdersService, CheckoutRecoveryWorker],
})
export class OrdersModule {}
