import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentAccount } from '../../auth/authenticated-request';
import { asParams, rejectUnknownParams } from '../../payment-intents/params/request-params';
import { requireStorableText } from '../../payment-intents/params/storable-text';
import { parseEventListParams } from './event-list.params';
import { EventListObject, EventObject, renderEvent, toEventListObject } from './event.representation';
import { EventsService } from './events.service';

/** Stripe's events API, the subset of payments.md §5: what a delivery carries, readable again. */
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  async list(@CurrentAccount() account: string, @Query() query: unknown): Promise<EventListObject> {
    const { rows, hasMore } = await this.events.list(account, parseEventListParams(query));
    return toEventListObject(rows, hasMore);
  }

  @Get(':id')
  async retrieve(@CurrentAccount() account: string, @Param('id') id: string, @Query() query: unknown): Promise<EventObject> {
    rejectUnknownParams(asParams(query), []);
    return renderEvent(await this.events.retrieve(account, requireStorableText(id, 'id')));
  }
}
