import type { PaymentIntent } from '@safe-checkout/db';
import { docUrlOf, StripeErrorObject } from '../stripe-errors/stripe-api.error';
import { DECLINE_MESSAGES, DeclineCode } from './test-payment-methods';

/** The part of a Stripe PaymentMethod object the sandbox shows: its id and type. */
export interface PaymentMethodObject {
  id: string;
  object: 'payment_method';
  type: 'card';
}

/** A PaymentIntent on the wire: the fields of Stripe's object that this subset has. */
export interface PaymentIntentObject {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: 0;
  amount_received: number;
  capture_method: 'automatic';
  confirmation_method: 'automatic';
  /** Unix time, seconds. */
  created: number;
  currency: string;
  last_payment_error: StripeErrorObject | null;
  livemode: false;
  metadata: Record<string, string>;
  payment_method: string | null;
  payment_method_types: ['card'];
  status: 'succeeded' | 'requires_payment_method';
}

/** Stripe's list envelope. */
export interface ListObject {
  object: 'list';
  data: PaymentIntentObject[];
  has_more: boolean;
  url: '/v1/payment_intents';
}

/** Stripe's search result envelope. */
export interface SearchResultObject {
  object: 'search_result';
  data: PaymentIntentObject[];
  has_more: boolean;
  /** Pass as `page` for the next page; `null` on the last. */
  next_page: string | null;
  url: '/v1/payment_intents/search';
}

/**
 * A stored PaymentIntent as Stripe shows it. A declined one is back at `requires_payment_method`
 * with the payment method detached (`payment_method: null`) and the decline in
 * `last_payment_error`, as in Stripe.
 */
export function toPaymentIntentObject(row: PaymentIntent): PaymentIntentObject {
  const declined = row.status === 'requires_payment_method';
  return {
    id: row.id,
    object: 'payment_intent',
    amount: row.amount,
    amount_capturable: 0,
    amount_received: declined ? 0 : row.amount,
    capture_method: 'automatic',
    confirmation_method: 'automatic',
    created: Math.floor(row.createdAt.getTime() / 1000),
    currency: row.currency,
    last_payment_error: declined ? declineOf(row) : null,
    livemode: false,
    metadata: row.metadata as Record<string, string>,
    payment_method: declined ? null : row.paymentMethod,
    payment_method_types: ['card'],
    status: row.status as PaymentIntentObject['status'],
  };
}

/** The 402 body for a declined PaymentIntent: the card error, with the PaymentIntent in it. */
export function toDeclineResponse(row: PaymentIntent): { error: StripeErrorObject } {
  return { error: { ...declineOf(row), payment_intent: toPaymentIntentObject(row) } };
}

/** A page of `GET /v1/payment_intents`. */
export function toListObject(rows: PaymentIntent[], hasMore: boolean): ListObject {
  return { object: 'list', data: rows.map(toPaymentIntentObject), has_more: hasMore, url: '/v1/payment_intents' };
}

/** A page of a search; `next_page` is the last PaymentIntent's id, which `page` takes as the cursor. */
export function toSearchResultObject(rows: PaymentIntent[], hasMore: boolean): SearchResultObject {
  return {
    object: 'search_result',
    data: rows.map(toPaymentIntentObject),
    has_more: hasMore,
    next_page: hasMore ? rows[rows.length - 1].id : null,
    url: '/v1/payment_intents/search',
  };
}

function declineOf(row: PaymentIntent): StripeErrorObject {
  const declineCode = row.declineCode as DeclineCode;
  const paymentMethod: PaymentMethodObject = { id: row.paymentMethod, object: 'payment_method', type: 'card' };
  return {
    type: 'card_error',
    code: 'card_declined',
    decline_code: declineCode,
    doc_url: docUrlOf('card_declined'),
    message: DECLINE_MESSAGES[declineCode],
    payment_method: paymentMethod,
  };
}
