import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Order, PaymentConfirmation } from '@/lib/api';
import { OrderPayment } from './order-payment';

const PAID: Order = {
  id: '00000000-0000-4000-8000-000000000001',
  status: 'paid',
  userId: '00000000-0000-4000-8000-0000000000aa',
  payment: { paymentIntentId: 'pi_123', amount: 2400, currency: 'EUR' },
  items: [{ productId: 'mug', quantity: 2, unitPriceCents: 1200 }],
  totalCents: 2400,
  currency: 'EUR',
  createdAt: '2026-12-07T12:00:00.000Z',
};

function textOf(order: Order): { html: string; text: string } {
  const html = renderToStaticMarkup(createElement(OrderPayment, { order }));
  return { html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

const receipt = (confirmedBy: PaymentConfirmation) => ({ id: 'abcdef12-0000-4000-8000-000000000000', confirmedBy, issuedAt: '2026-12-07T12:00:01.000Z' });

describe('<OrderPayment order>', () => {
  it.each([
    ['charge_answer', "the payment provider's answer to the charge"],
    ['webhook', "the payment provider's webhook"],
    ['recovery_worker', "the shop's recovery worker"],
  ] as const)('when the receipt says %s confirmed the payment, shows the receipt and says so', (confirmedBy, words) => {
    const { html, text } = textOf({ ...PAID, receipt: receipt(confirmedBy) });
    expect(html).toContain('data-testid="receipt"');
    expect(text).toContain('Receipt');
    expect(text.replace(/&#x27;/g, "'")).toContain(words);
  });

  it('without a receipt, shows the payment alone, with the amount charged', () => {
    const { html, text } = textOf(PAID);
    expect(html).toContain('pi_123');
    expect(text).toContain('€24.00');
    expect(html).not.toContain('data-testid="receipt"');
  });

  it('when the receipt names a confirmation this storefront does not know, says so rather than guessing', () => {
    expect(textOf({ ...PAID, receipt: receipt('carrier_pigeon' as PaymentConfirmation) }).text).toContain('a way this page does not know');
  });

  it.each([
    ['payment_failed', 'The payment failed: nothing was charged'],
    ['awaiting_payment', 'The payment is not settled yet.'],
    ['refunded', 'The shop reports a status this page does not know.'],
  ])('without a payment, when the status is %s, says what it means for the card', (status, words) => {
    expect(textOf({ ...PAID, payment: undefined, status: status as Order['status'] }).text).toContain(words);
  });
});
