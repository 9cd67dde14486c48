/** Issuer reasons for the declines the sandbox can produce (Stripe's `decline_code`). */
export type DeclineCode = 'generic_decline' | 'insufficient_funds';

/** What confirming with a test payment method does: succeed, or be declined for a reason. */
export type TestPaymentMethodOutcome = 'succeeds' | DeclineCode;

/**
 * Stripe's test payment methods that the sandbox knows (https://docs.stripe.com/testing): tokens
 * that stand for a card with a fixed fate. Any other `payment_method` is 400 `resource_missing`.
 */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestPaymentMethodOutcome>> = {
  pm_card_visa: 'succeeds',
  pm_card_mastercard: 'succeeds',
  pm_card_chargeDeclined: 'generic_decline',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds',
};

/** Stripe's messages for these declines. */
export const DECLINE_MESSAGES: Readonly<Record<DeclineCode, string>> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
};

/** The fate of the test payment method `token`, or `undefined` when there is no such method. */
export function testPaymentMethodOutcome(token: string): TestPaymentMethodOutcome | undefined {
  // hasOwn: a token such as "constructor" must not find Object.prototype's members.
  return Object.hasOwn(TEST_PAYMENT_METHODS, token) ? TEST_PAYMENT_METHODS[token] : undefined;
}
