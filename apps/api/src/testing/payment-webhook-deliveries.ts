import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { TestApi } from './test-api';

/** The webhook secret the tests' APIs hold (`PAYMENT_WEBHOOK_SECRET`). */
export const TEST_WEBHOOK_SECRET = 'whsec_safe_checkout_test_endpoint_secret';

/** What a test event says of its PaymentIntent (the fields the shop reads, as Stripe names them). */
export interface TestPaymentIntent {
  id: string;
  amount: number;
  currency: string;
  status: string;
  metadata: Record<string, string>;
}

export type TestEventType = 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'charge.refunded';

const stripe = new Stripe('sk_test_webhook_deliveries');

/** A fresh id in Stripe's shape (`prefix_` and base62-ish characters). */
export function stripeLikeId(prefix: 'evt' | 'pi'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** A Stripe event object's JSON, as the provider would deliver it. */
export function paymentEventBody(type: TestEventType, paymentIntent: TestPaymentIntent, eventId = stripeLikeId('evt')): string {
  return JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: '2026-11-30',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object: { object: 'payment_intent', ...paymentIntent } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
}

/**
 * Delivers `body` to `POST /webhooks/payments` with a `Stripe-Signature` the official SDK made
 * (`secret`, by default the one the tests' APIs hold; `timestamp` in unix seconds, default now).
 */
export function deliverEvent(api: TestApi, body: string, signing: { secret?: string; timestamp?: number } = {}) {
  return deliverSigned(api, body, stripeSignature(body, signing));
}

/** The `Stripe-Signature` the official SDK makes for `body` (default: the tests' secret, now). */
export function stripeSignature(body: string, { secret = TEST_WEBHOOK_SECRET, timestamp }: { secret?: string; timestamp?: number } = {}): string {
  return stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp === undefined ? {} : { timestamp }) });
}

/** Delivers `body` with the given `Stripe-Signature` header, as it is. */
export function deliverSigned(api: TestApi, body: string, signature: string) {
  return api.http().post('/webhooks/payments').set('Content-Type', 'application/json; charset=utf-8').set('Stripe-Signature', signature).send(body);
}
