/** A card the checkout offers, shown as a saved card: brand and last four digits. */
export interface PaymentMethodChoice {
  /** The provider's id, sent as `paymentMethod` in `POST /orders`. */
  id: string;
  brand: 'Visa' | 'Mastercard';
  last4: string;
  /** What a test card that fails on purpose does. */
  note?: string;
}

/**
 * Stripe's test payment methods, which the payment sandbox implements (payments.md §1), so pointing
 * the API at Stripe's test mode needs no change here. A real shop lists the customer's saved cards.
 */
export const TEST_PAYMENT_METHODS: readonly PaymentMethodChoice[] = [
  { id: 'pm_card_visa', brand: 'Visa', last4: '4242' },
  { id: 'pm_card_mastercard', brand: 'Mastercard', last4: '4444' },
  { id: 'pm_card_chargeDeclined', brand: 'Visa', last4: '0002', note: 'always declined (test card)' },
  { id: 'pm_card_chargeDeclinedInsufficientFunds', brand: 'Visa', last4: '9995', note: 'insufficient funds (test card)' },
];

export const DEFAULT_PAYMENT_METHOD_ID = 'pm_card_visa';

/** `Visa •••• 4242`; an id not offered (a stored checkout may name any) as it is. */
export function paymentMethodLabel(id: string): string {
  const card = TEST_PAYMENT_METHODS.find((method) => method.id === id);
  return card ? `${card.brand} •••• ${card.last4}` : id;
}
