import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Idempotent } from '@safe-checkout/idempotency-nest';
import type { Request } from 'express';
import { CurrentAccount } from '../../auth/authenticated-request';
import { parseListParams } from '../../payment-intents/params/list.params';
import { asParams, rejectUnknownParams } from '../../payment-intents/params/request-params';
import { requireStorableText } from '../../payment-intents/params/storable-text';
import { parseCreateWebhookEndpointParams } from './create-webhook-endpoint.params';
import { parseDeliveryListParams } from './delivery-list.params';
import { toWebhookDeliveryListObject, WebhookDeliveryListObject } from './webhook-delivery.representation';
import { toWebhookEndpointListObject, toWebhookEndpointObject, WebhookEndpointListObject, WebhookEndpointObject } from './webhook-endpoint.representation';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Stripe's webhook endpoints API, the subset of payments.md §5. */
@Controller('v1/webhook_endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  /** Registers an endpoint; the answer is the only one that shows its `whsec_` secret. */
  @Post()
  @HttpCode(200)
  @Idempotent({ keyRequired: false })
  async create(@CurrentAccount() account: string, @Req() request: Request): Promise<WebhookEndpointObject> {
    const endpoint = await this.endpoints.create(account, parseCreateWebhookEndpointParams(request));
    return toWebhookEndpointObject(endpoint, { withSecret: true });
  }

  @Get()
  async list(@CurrentAccount() account: string, @Query() query: unknown): Promise<WebhookEndpointListObject> {
    const { rows, hasMore } = await this.endpoints.list(account, parseListParams(query));
    return toWebhookEndpointListObject(rows, hasMore);
  }

  @Get(':id')
  async retrieve(@CurrentAccount() account: string, @Param('id') id: string, @Query() query: unknown): Promise<WebhookEndpointObject> {
    rejectUnknownParams(asParams(query), []);
    return toWebhookEndpointObject(await this.endpoints.retrieve(account, requireStorableText(id, 'webhook_endpoint')));
  }

  /** A sandbox extension: where each of the endpoint's deliveries stands (see WebhookDeliveryObject). */
  @Get(':id/deliveries')
  async deliveries(@CurrentAccount() account: string, @Param('id') id: string, @Query() query: unknown): Promise<WebhookDeliveryListObject> {
    const endpointId = requireStorableText(id, 'webhook_endpoint');
    const { rows, hasMore } = await this.endpoints.deliveries(account, endpointId, parseDeliveryListParams(query));
    return toWebhookDeliveryListObject(endpointId, rows, hasMore);
  }

  @Delete(':id')
  async delete(@CurrentAccount() account: string, @Param('id') id: string): Promise<{ id: string; object: 'webhook_endpoint'; deleted: true }> {
    await this.endpoints.delete(account, requireStorableText(id, 'webhook_endpoint'));
    return { id, object: 'webhook_endpoint', deleted: true };
  }
}
