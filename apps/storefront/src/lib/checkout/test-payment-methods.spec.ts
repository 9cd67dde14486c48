import { DEFAULT_PAYMENT_METHOD_ID, TEST_PAYMENT_METHODS, paymentMethodLabel } from './test-payment-methods';

describe('TEST_PAYMENT_METHODS', () => {
  it("offers exactly the payment sandbox's test methods (Stripe's ids), each once", () => {
    expect(TEST_PAYMENT_METHODS.map((m) => m.id)).toEqual([
      'pm_card_visa',
      'pm_card_mastercard',
      'pm_card_chargeDeclined',
      'pm_card_chargeDeclinedInsufficientFunds',
    ]);
  });

  it('preselects the Visa that pays', () => {
    expect(DEFAULT_PAYMENT_METHOD_ID).toBe('pm_card_visa');
    expect(TEST_PAYMENT_METHODS.find((m) => m.id === DEFAULT_PAYMENT_METHOD_ID)?.note).toBeUndefined();
  });

  it('says what each failing test card does', () => {
    expect(TEST_PAYMENT_METHODS.filter((m) => m.note).map((m) => [paymentMethodLabel(m.id), m.note])).toEqual([
      ['Visa •••• 0002', 'always declined (test card)'],
      ['Visa •••• 9995', 'insufficient funds (test card)'],
    ]);
  });
});

describe('paymentMethodLabel(id)', () => {
  it('when the card is offered, names it by brand and last four digits', () => {
    expect(paymentMethodLabel('pm_card_mastercard')).toBe('Mastercard •••• 4444');
  });

  it('when the id is not offered, shows it as it is', () => {
    expect(paymentMethodLabel('pm_other')).toBe('pm_other');
  });
});
