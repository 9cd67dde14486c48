import { createHmac } from 'node:crypto';

/**
 * The `Stripe-Signature` header of a delivery, as Stripe signs it
 * (https://docs.stripe.com/webhooks#verify-manually): `t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256 with the endpoint's secret over `"<t>.<body>"`, the body byte for byte as sent.
 * The official SDK's `stripe.webhooks.constructEvent(body, header, secret)` accepts it.
 *
 * @example
 * stripeSignatureHeader('{"id":"evt_1"}', 'whsec_abc', 1_700_000_000); // 't=1700000000,v1=5e0f…'
 */
export function stripeSignatureHeader(body: string, secret: string, unixSeconds: number): string {
  const signature = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${signature}`;
}
