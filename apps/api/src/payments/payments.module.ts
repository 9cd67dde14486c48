import { Module } from '@nestjs/common';
import { PaymentMetrics } from './payment-metrics';
import { PaymentProvider } from './payment-provider';

/** The payment provider the checkout charges through (payments.md §2) and its metrics. */
@Module({
  providers: [PaymentProvider, { provide: PaymentMetrics, useFactory: () => new PaymentMetrics() }],
  exports: [PaymentProvider, PaymentMetrics],
})
export class PaymentsModule {}
