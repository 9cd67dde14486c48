import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { WebhookDelivery, WebhookEndpoint } from '@safe-checkout/db';
import { PrismaTransactionHost } from '../../database/transaction-host';
import type { PageParams } from '../../payment-intents/params/list.params';
import { newStripeId, randomBase62 } from '../../payment-intents/stripe-id';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { after, NEWEST_FIRST, toPage } from '../keyset-page';
import type { CreateWebhookEndpointParams } from './create-webhook-endpoint.params';
import type { DeliveryListParams } from './delivery-list.params';

/** Stripe's limit of webhook endpoints per account; it also bounds the deliveries of one event. */
export const MAX_WEBHOOK_ENDPOINTS = 16;
// Random characters of a `whsec_` secret: ~190 bits.
const SECRET_RANDOM_LENGTH = 32;

/** The account's webhook endpoints: create, read, list, delete. */
@Injectable()
export class WebhookEndpointsService {
  constructor(@Inject(TransactionHost) private readonly txHost: PrismaTransactionHost) {}

  /** @throws StripeApiError 400 when the account has {@link MAX_WEBHOOK_ENDPOINTS} already */
  async create(account: string, params: CreateWebhookEndpointParams): Promise<WebhookEndpoint> {
    return this.txHost.withTransaction(async () => {
      // Serialises the account's creations, so that two at once cannot both pass the count.
      await this.txHost.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('webhook_endpoints:' || ${account}))`;
      if ((await this.txHost.tx.webhookEndpoint.count({ where: { account } })) >= MAX_WEBHOOK_ENDPOINTS) {
        throw invalidRequest(`You have reached the maximum of ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints on this account.`);
      }
      return this.txHost.tx.webhookEndpoint.create({
        data: { id: newStripeId('we'), account, url: params.url, enabledEvents: params.enabledEvents, secret: `whsec_${randomBase62(SECRET_RANDOM_LENGTH)}` },
      });
    });
  }

  /** @throws StripeApiError 404 `resource_missing` */
  async retrieve(account: string, id: string): Promise<WebhookEndpoint> {
    const row = await this.txHost.tx.webhookEndpoint.findFirst({ where: { id, account } });
    if (!row) throw missing(id, 'webhook_endpoint', 404);
    return row;
  }

  /** @throws StripeApiError 400 `resource_missing` when `starting_after` is no endpoint of the account */
  async list(account: string, { limit, startingAfter }: PageParams): Promise<{ rows: WebhookEndpoint[]; hasMore: boolean }> {
    const cursor = startingAfter === undefined ? undefined : await this.cursor(account, startingAfter);
    const rows = await this.txHost.tx.webhookEndpoint.findMany({
      where: { account, ...(cursor ? after(cursor) : {}) },
      orderBy: [...NEWEST_FIRST],
      take: limit + 1,
    });
    return toPage(rows, limit);
  }

  /** Deletes the endpoint and its deliveries not yet made (Stripe stops sending to it). @throws StripeApiError 404 */
  async delete(account: string, id: string): Promise<void> {
    const { count } = await this.txHost.tx.webhookEndpoint.deleteMany({ where: { id, account } });
    if (count === 0) throw missing(id, 'webhook_endpoint', 404);
  }

  /**
   * The endpoint's deliveries, newest first.
   *
   * @throws StripeApiError 404 for an unknown endpoint; 400 `resource_missing` for an unknown `starting_after`
   */
  async deliveries(account: string, id: string, { limit, startingAfter, status }: DeliveryListParams): Promise<{ rows: WebhookDelivery[]; hasMore: boolean }> {
    await this.retrieve(account, id);
    const tx = this.txHost.tx;
    const cursor = startingAfter === undefined ? undefined : await tx.webhookDelivery.findFirst({ where: { id: asUuid(startingAfter), endpointId: id } });
    if (startingAfter !== undefined && !cursor)
      throw invalidRequest(`No such webhook delivery: '${startingAfter}'`, { code: 'resource_missing', param: 'starting_after' });
    const rows = await tx.webhookDelivery.findMany({
      where: { endpointId: id, ...(status ? { status } : {}), ...(cursor ? after(cursor) : {}) },
      orderBy: [...NEWEST_FIRST],
      take: limit + 1,
    });
    return toPage(rows, limit);
  }

  private async cursor(account: string, id: string) {
    const row = await this.txHost.tx.webhookEndpoint.findFirst({ where: { id, account }, select: { id: true, createdAt: true } });
    if (!row) throw missing(id, 'starting_after', 400);
    return row;
  }
}

// A delivery id is a UUID; anything else matches none (and must not reach a uuid column).
const NO_UUID = '00000000-0000-0000-0000-000000000000';
function asUuid(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : NO_UUID;
}

function missing(id: string, param: string, status: number) {
  return invalidRequest(`No such webhook endpoint: '${id}'`, { code: 'resource_missing', param }, status);
}
