import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Order, PaymentConfirmation } from '@/lib/api';
import { OrderPayment } from './order-payment';

const PAID: Order = {
  id: '00000000-0000-4000-8000-000000000001',
  status: 'paid',
  payment: { paymentIntentId: 'pi_123', amount: { cents: 2400, currency: 'EUR' } },
  lines: [{ productId: 'mug', quantity: 2, unitPrice: { cents: 1200, currency: 'EUR' } }],
  total: { cents: 2400, currency: 'EUR' },
  createdAt: '2026-12-07T12:00:00.000Z',
};

function textOf(order: Order): { html: string; text: string } {
  const html = renderToStaticMarkup(createElement(OrderPayment, { order }));
  return { html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

const receipt = (confirmedBy: PaymentConfirmation) => ({ id: 'abcdef12-0000-4000-8000-000000000000', confirmedBy, issuedAt: '2026-12-07T12:00:01.000Z' });

describe('<OrderPayment order>', () => {
  it.each([
    ['charge-answer', "the payment provider's answer to the charge"],
    ['webhook', "the payment provider's webhook"],
    ['recovery-worker', "the shop's recovery worker"],
  ] as const)('when the receipt says %s confirmed the payment, shows the receipt and says so', (confirmedBy, words) => {
    const { html, text } = textOf({ ...PAID, receipt: receipt(confirmedBy) });
    expect(html).toContain('data-testid="receipt"');
    expect(text).toContain('Receipt');
    expect(text.replace(/&#x27;/g, "'")).toContain(words);
  });

  it('without a receipt, shows the payment alone', () => {
    const { html } = textOf(PAID);
    expect(html).toContain('pi_123');
    expect(html).not.toContain('data-testid="receipt"');
  });
});
