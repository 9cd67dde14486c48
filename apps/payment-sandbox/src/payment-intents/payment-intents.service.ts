import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PaymentIntent, Prisma } from '@safe-checkout/db';
import { PrismaTransactionHost } from '../database/transaction-host';
import { EventCause, EventsService } from '../webhooks/events/events.service';
import { invalidRequest } from '../stripe-errors/stripe-api.error';
import type { CreatePaymentIntentParams } from './params/create-payment-intent.params';
import type { PageParams } from './params/list.params';
import { newStripeId } from './stripe-id';
import { testPaymentMethodOutcome } from './test-payment-methods';

/** One page of PaymentIntents, newest first, and whether more follow. */
export interface PaymentIntentPage {
  rows: PaymentIntent[];
  hasMore: boolean;
}

// Columns under the client's field names, so that raw rows are PaymentIntent objects.
const COLUMNS = Prisma.sql`id, account, amount, currency, status, payment_method AS "paymentMethod", metadata,
  decline_code AS "declineCode", created_at AS "createdAt"`;

/** PaymentIntents of one account: confirm with a test payment method, read, list, search. */
@Injectable()
export class PaymentIntentsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
    private readonly events: EventsService,
  ) {}

  /**
   * Creates the PaymentIntent and confirms it with its test payment method at once. A decline is
   * stored too (status `requires_payment_method`), as Stripe keeps a declined PaymentIntent.
   * Writes through the request's transaction, when the idempotency layer opened one, so that the
   * PaymentIntent and the response stored with the key commit together, and with them the
   * PaymentIntent's event and its webhook deliveries (payments.md §5).
   *
   * @throws StripeApiError 400 `resource_missing` for a payment method the sandbox does not know; nothing is stored
   */
  async createAndConfirm(account: string, params: CreatePaymentIntentParams, cause: EventCause = {}): Promise<PaymentIntent> {
    const outcome = testPaymentMethodOutcome(params.paymentMethod);
    if (outcome === undefined) {
      throw invalidRequest(`No such PaymentMethod: '${params.paymentMethod}'`, { code: 'resource_missing', param: 'payment_method' });
    }
    // Joins the idempotency layer's transaction when there is one; opens its own otherwise, so
    // that a PaymentIntent is never stored without its event.
    return this.txHost.withTransaction(async () => {
      const status = outcome === 'succeeds' ? 'succeeded' : 'requires_payment_method';
      const declineCode = outcome === 'succeeds' ? null : outcome;
      // A raw statement rather than the ORM's create, which costs the sandbox's CPU more: every
      // checkout, and every checkout of a recovery backlog, confirms a charge here. Stripe turns a
      // test token into a new PaymentMethod on every use; so does the sandbox (the `pm_` id).
      const [intent] = await this.txHost.tx.$queryRaw<PaymentIntent[]>`
        INSERT INTO payment_intents (id, account, amount, currency, status, payment_method, metadata, decline_code)
        VALUES (${newStripeId('pi')}, ${account}, ${params.amount}, ${params.currency}, ${status}, ${newStripeId('pm')},
                ${JSON.stringify(params.metadata)}::jsonb, ${declineCode})
        RETURNING ${COLUMNS}`;
      await this.events.recordPaymentIntentOutcome(intent, cause);
      return intent;
    });
  }

  /** @throws StripeApiError 404 `resource_missing` when the account has no such PaymentIntent */
  async retrieve(account: string, id: string): Promise<PaymentIntent> {
    const row = await this.txHost.tx.paymentIntent.findFirst({ where: { id, account } });
    if (!row) throw invalidRequest(`No such payment_intent: '${id}'`, { code: 'resource_missing', param: 'intent' }, 404);
    return row;
  }

  /** @throws StripeApiError 400 `resource_missing` when `starting_after` is no PaymentIntent of the account */
  async list(account: string, page: PageParams): Promise<PaymentIntentPage> {
    return this.page(account, Prisma.empty, page, 'starting_after');
  }

  /** The account's PaymentIntents whose `metadata['order_id']` is `orderId`, newest first. */
  async searchByOrderId(account: string, orderId: string, page: PageParams): Promise<PaymentIntentPage> {
    return this.page(account, Prisma.sql`AND metadata->>'order_id' = ${orderId}`, page, 'page');
  }

  // Keyset pagination on (created_at, id), both descending: the listing index answers it, and a
  // page stays stable while new PaymentIntents arrive (they sort before the cursor).
  private async page(account: string, filter: Prisma.Sql, { limit, startingAfter }: PageParams, cursorParam: string): Promise<PaymentIntentPage> {
    const cursor = startingAfter === undefined ? undefined : await this.cursor(account, startingAfter, cursorParam);
    const rows = await this.txHost.tx.$queryRaw<PaymentIntent[]>`
      SELECT ${COLUMNS} FROM payment_intents
      WHERE account = ${account} ${filter}
        ${cursor ? Prisma.sql`AND (created_at, id) < (${cursor.createdAt}, ${cursor.id})` : Prisma.empty}
      ORDER BY created_at DESC, id DESC
      LIMIT ${limit + 1}`;
    return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  private async cursor(account: string, id: string, param: string): Promise<{ id: string; createdAt: Date }> {
    const row = await this.txHost.tx.paymentIntent.findFirst({ where: { id, account }, select: { id: true, createdAt: true } });
    if (!row) throw invalidRequest(`No such payment_intent: '${id}'`, { code: 'resource_missing', param });
    return row;
  }
}
