/** A card the checkout offers, as a shop shows a saved card: brand and last four digits. */
export interface PaymentMethodChoice {
  /** The payment provider's id, sent as `paymentMethod` in `POST /orders`. */
  id: string;
  brand: 'Visa' | 'Mastercard';
  last4: string;
  /** What the card does besides paying, for test cards that fail on purpose. */
  note?: string;
}

/**
 * The cards the checkout offers: Stripe's test payment methods, which the payment sandbox
 * implements (payments.md §1), so pointing the API at Stripe's test mode needs no change here.
 * A real shop would list the customer's saved cards from the provider instead.
 */
export const TEST_PAYMENT_METHODS: readonly PaymentMethodChoice[] = [
  { id: 'pm_card_visa', brand: 'Visa', last4: '4242' },
  { id: 'pm_card_mastercard', brand: 'Mastercard', last4: '4444' },
  { id: 'pm_card_chargeDeclined', brand: 'Visa', last4: '0002', note: 'always declined (test card)' },
  { id: 'pm_card_chargeDeclinedInsufficientFunds', brand: 'Visa', last4: '9995', note: 'insufficient funds (test card)' },
];

/** The card chosen until the customer picks another: the Visa that pays. */
export const DEFAULT_PAYMENT_METHOD_ID = 'pm_card_visa';

/**
 * `Visa •••• 4242`: how a card is named on screen. An id that is not in the list (a stored checkout
 * may name any) is shown as it is.
 */
export function paymentMethodLabel(id: string): string {
  const card = TEST_PAYMENT_METHODS.find((method) => method.id === id);
  return card ? `${card.brand} •••• ${card.last4}` : id;
}
