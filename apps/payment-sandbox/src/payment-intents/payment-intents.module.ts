import { Module } from '@nestjs/common';
import { PaymentIntentsController } from './payment-intents.controller';
import { PaymentIntentsService } from './payment-intents.service';
import { EventsModule } from '../webhooks/events/events.module';

/** Stripe's PaymentIntents API; each confirmation records its event (payments.md §5). */
@Module({ imports: [EventsModule], controllers: [PaymentIntentsController], providers: [PaymentIntentsService] })
export class PaymentIntentsModule {}
