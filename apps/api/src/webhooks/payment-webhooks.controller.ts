import { Body, Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { trace } from '@opentelemetry/api';
import { SPAN_ATTRIBUTES as A } from '@safe-checkout/tracing';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { JSON_BODY_PROBLEMS, SERVER_PROBLEMS } from '../openapi/problem-groups';
import { WebhookDeliveryResponse } from '../openapi/responses/webhook-delivery.response';
import { ProblemException } from '../problems/problem.exception';
import { paymentEventOf, UnreadableEventError } from './payment-event';
import { DeliveryOutcome, PaymentWebhookReceiver } from './payment-webhook-receiver';
import { verifyWebhookSignature, WebhookSignatureError } from './webhook-signature';

// The provider retries a refused delivery on its own schedule; a minute is a hint for ours.
const NOT_CONFIGURED_RETRY_AFTER_SECONDS = 60;

/** What the shop answers a delivery it accepted. */
export interface WebhookDeliveryView {
  received: true;
  outcome: DeliveryOutcome;
}

/**
 * The provider's direction (payments.md §5): Stripe, or the sandbox, posts payment events here.
 * Public (the signature, not a bearer token, says who sent it) and outside the per-user write
 * limits: it is the provider reporting, not a customer writing.
 */
@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class PaymentWebhooksController {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly receiver: PaymentWebhookReceiver,
  ) {}

  @Post('payments')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'receivePaymentWebhook',
    summary: "The payment provider's events (Stripe webhook format), applied once each",
    description:
      'Verifies `Stripe-Signature` over the raw body (HMAC-SHA256, 300 s tolerance, any `v1` value), then applies `payment_intent.succeeded` or ' +
      "`payment_intent.payment_failed` to the order named by the PaymentIntent's `metadata.order_id`, once per event id whatever the deliveries. " +
      'Never moves an order backwards. Other event types are acknowledged and ignored.',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: '`t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=…]`, as Stripe sends it.' })
  @ApiBody({
    description: 'A Stripe event object: `{ id: "evt_…", object: "event", type, created, data: { object: <PaymentIntent> }, … }`.',
    schema: { type: 'object' },
  })
  @ApiOkResponse({ type: WebhookDeliveryResponse, description: 'The event was handled (or had been, or is of a type the shop ignores).' })
  @ApiProblems(JSON_BODY_PROBLEMS, SERVER_PROBLEMS, 'webhook-signature-invalid', 'webhook-event-unreadable', 'webhooks-not-configured')
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('stripe-signature') signature: string | undefined,
    @Body() body: unknown,
  ): Promise<WebhookDeliveryView> {
    this.verify(request.rawBody, signature);
    const event = readEvent(body);
    const outcome = event ? await this.receiver.receive(event) : 'ignored';
    // The delivery's server span, in the trace of the charge that caused the event when the
    // provider sent its traceparent (docs/tracing.md), says what the shop did with it.
    trace.getActiveSpan()?.setAttributes({ [A.webhookOutcome]: outcome, ...(event ? { [A.webhookEventType]: event.type } : {}) });
    return { received: true, outcome };
  }

  private verify(rawBody: Buffer | undefined, signature: string | undefined): void {
    const secrets = this.config.paymentWebhookSecrets;
    if (secrets.length === 0) {
      throw new ProblemException(
        'webhooks-not-configured',
        'PAYMENT_WEBHOOK_SECRET is not set: no delivery can be verified.',
        {},
        {
          'Retry-After': String(NOT_CONFIGURED_RETRY_AFTER_SECONDS),
        },
      );
    }
    try {
      verifyWebhookSignature(rawBody ?? Buffer.alloc(0), signature, secrets, Math.floor(Date.now() / 1000));
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      throw new ProblemException('webhook-signature-invalid', `The Stripe-Signature header was refused (${error.reason}).`, { reason: error.reason });
    }
  }
}

function readEvent(body: unknown) {
  try {
    return paymentEventOf(body);
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) throw error;
    throw new ProblemException('webhook-event-unreadable', `The event cannot be read: ${error.message}.`);
  }
}
