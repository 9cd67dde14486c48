/** An order about to be charged: what the charge sends, and whether its derived key may be gone at the provider. */
export interface OrderToCharge {
  orderId: string;
  userId: string;
  totalCents: number;
  /** ISO 4217, any case; sent lower-case as Stripe wants it. */
  currency: string;
  paymentMethod: string;
  /** The order is older than the provider keeps idempotency keys: a re-sent charge could be a new one. */
  derivedKeyMayHaveExpired: boolean;
}
