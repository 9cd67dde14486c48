/**
 * The provider-side `Idempotency-Key` of an order's charge: derived from the order id alone, so it
 * is the same on every attempt, in every API process and after any crash, and the provider
 * replays the first charge instead of making a second (payments.md §2; a key minted per attempt
 * is the classic double charge, shown in checkout.mistakes.spec.ts).
 */
export function chargeKeyOf(orderId: string): string {
  return `safe-checkout-order-${orderId}`;
}
