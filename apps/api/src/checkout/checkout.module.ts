import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { CheckoutController } from './checkout.controller';
import { CheckoutPhases } from './checkout.phases';
import { CheckoutStatements } from './checkout.statements';
import { OrderSettlement } from './order-settlement.service';
import { PaymentMetrics } from './payment-metrics';
import { PaymentProvider } from './payment-provider';

/**
 * The checkout, `POST /orders` (payments.md §2): its controller, phases, statements on the order
 * and the charge at the payment provider. Exports what the recovery worker resumes (the phases,
 * the provider's hold-off, the metrics), what a payment webhook settles through, and the
 * statements (the chaos entry point fails them on request, chaos-fault.module.ts).
 */
@Module({
  controllers: [CheckoutController],
  providers: [
    CheckoutPhases,
    CheckoutStatements,
    OrderSettlement,
    PaymentProvider,
    { provide: PaymentMetrics, inject: [Registry], useFactory: (registry: Registry) => new PaymentMetrics(registry) },
  ],
  exports: [CheckoutPhases, CheckoutStatements, OrderSettlement, PaymentProvider, PaymentMetrics],
})
export class CheckoutModule {}
