import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Idempotent } from '@safe-checkout/idempotency-nest';
import type { Request, Response } from 'express';
import { CurrentAccount } from '../auth/authenticated-request';
import { StripeErrorObject } from '../stripe-errors/stripe-api.error';
import { parseCreatePaymentIntentParams } from './params/create-payment-intent.params';
import { parseListParams } from './params/list.params';
import { rejectUnknownParams, asParams } from './params/request-params';
import { parseSearchParams } from './params/search.params';
import { requireStorableText } from './params/storable-text';
import {
  ListObject,
  PaymentIntentObject,
  SearchResultObject,
  toDeclineResponse,
  toListObject,
  toPaymentIntentObject,
  toSearchResultObject,
} from './payment-intent.representation';
import { PaymentIntentsService } from './payment-intents.service';
import { activeTraceParent } from '@safe-checkout/tracing';
import type { EventCause } from '../webhooks/events/events.service';

/** Stripe's PaymentIntents API, the subset of payments.md §1. */
@Controller('v1/payment_intents')
export class PaymentIntentsController {
  constructor(private readonly intents: PaymentIntentsService) {}

  /**
   * Creates and confirms a PaymentIntent. `Idempotency-Key` is optional, as in Stripe: with one,
   * the answer (success or decline) is stored and replayed; a request rejected as invalid stores nothing.
   */
  @Post()
  @HttpCode(200)
  @Idempotent({ keyRequired: false })
  async create(
    @CurrentAccount() account: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentIntentObject | { error: StripeErrorObject }> {
    const intent = await this.intents.createAndConfirm(account, parseCreatePaymentIntentParams(request), causeOf(request));
    if (intent.status === 'succeeded') return toPaymentIntentObject(intent);
    // A decline is the operation's answer, not a failure: returned, not thrown, it is stored with
    // the key in the transaction that stores the declined PaymentIntent. Thrown, the transaction
    // would roll back and the 402 would embed a PaymentIntent that does not exist.
    response.status(402);
    return toDeclineResponse(intent);
  }

  @Get()
  async list(@CurrentAccount() account: string, @Query() query: unknown): Promise<ListObject> {
    const { rows, hasMore } = await this.intents.list(account, parseListParams(query));
    return toListObject(rows, hasMore);
  }

  // Declared before ':id', which would otherwise take "search" for an id.
  @Get('search')
  async search(@CurrentAccount() account: string, @Query() query: unknown): Promise<SearchResultObject> {
    const { orderId, limit, page } = parseSearchParams(query);
    const { rows, hasMore } = await this.intents.searchByOrderId(account, orderId, { limit, startingAfter: page });
    return toSearchResultObject(rows, hasMore);
  }

  @Get(':id')
  async retrieve(@CurrentAccount() account: string, @Param('id') id: string, @Query() query: unknown): Promise<PaymentIntentObject> {
    rejectUnknownParams(asParams(query), []);
    // Stripe names the path's PaymentIntent id `intent` (as in its resource_missing answer).
    return toPaymentIntentObject(await this.intents.retrieve(account, requireStorableText(id, 'intent')));
  }
}

/**
 * The request's `Request-Id` (set by the logger, see LoggingModule), `Idempotency-Key` and trace
 * context (its server span's, when tracing is on), for the event it causes.
 */
function causeOf(request: Request): EventCause {
  return {
    requestId: typeof request.id === 'string' ? request.id : undefined,
    idempotencyKey: request.header('idempotency-key'),
    traceParent: activeTraceParent(),
  };
}
