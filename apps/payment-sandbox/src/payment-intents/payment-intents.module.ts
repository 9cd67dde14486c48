import { Module } from '@nestjs/common';
import { PaymentIntentsController } from './payment-intents.controller';
import { PaymentIntentsService } from './payment-intents.service';

/** Stripe's PaymentIntents API, the sandbox's one feature. */
@Module({ controllers: [PaymentIntentsController], providers: [PaymentIntentsService] })
export class PaymentIntentsModule {}
