import { toCreateOrderDto, toOrder, type OrderDto } from './wire';

const ORDER: OrderDto = {
  id: 'o1',
  userId: 'u1',
  status: 'paid',
  payment: { paymentIntentId: 'pi_123', amount: 1250, currency: 'EUR' },
  items: [{ productId: 'mug', quantity: 2, unitPriceCents: 625 }],
  totalCents: 1250,
  currency: 'EUR',
  createdAt: '2026-11-30T10:00:00.000Z',
};

describe('toOrder(dto)', () => {
  it('when the order is paid, keeps its PaymentIntent and the amount charged as money', () => {
    expect(toOrder(ORDER)).toMatchObject({ status: 'paid', payment: { paymentIntentId: 'pi_123', amount: { cents: 1250, currency: 'EUR' } } });
  });

  it.each([
    ['awaiting_payment', 'awaiting-payment'],
    ['payment_failed', 'payment-failed'],
  ] as const)('when the status is %s, gives the app status %s and no payment', (wire, status) => {
    const order = toOrder({ ...ORDER, payment: undefined, status: wire });
    expect(order.status).toBe(status);
    expect(order).not.toHaveProperty('payment');
  });

  it.each([
    ['charge_answer', 'charge-answer'],
    ['webhook', 'webhook'],
    ['recovery_worker', 'recovery-worker'],
  ] as const)('when the receipt says the payment was confirmed by %s, keeps the receipt with confirmation %s', (wire, confirmedBy) => {
    const receipt = { id: 'r1', confirmedBy: wire, issuedAt: '2026-11-30T10:00:01.000Z' };
    expect(toOrder({ ...ORDER, receipt }).receipt).toEqual({ id: 'r1', confirmedBy, issuedAt: '2026-11-30T10:00:01.000Z' });
  });

  it('when the receipt names a confirmation this storefront does not know, says unknown', () => {
    const receipt = { id: 'r1', confirmedBy: 'carrier_pigeon' as 'webhook', issuedAt: '2026-11-30T10:00:01.000Z' };
    expect(toOrder({ ...ORDER, receipt }).receipt?.confirmedBy).toBe('unknown');
  });

  it('when the order carries the shop’s charge attempts, keeps them as the API sent them', () => {
    const chargeAttempts = {
      idempotencyKey: 'safe-checkout-order-o1',
      runs: [
        {
          startedAt: '2026-11-30T10:00:00.000Z',
          result: 'succeeded' as const,
          attempts: [{ attempt: 1, verdict: 'succeeded' as const, status: 200, durationMs: 30 }],
        },
      ],
    };
    expect(toOrder({ ...ORDER, chargeAttempts }).chargeAttempts).toEqual(chargeAttempts);
    expect(toOrder(ORDER)).not.toHaveProperty('chargeAttempts');
  });

  it('when the status is one this storefront does not know, says unknown rather than guessing', () => {
    expect(toOrder({ ...ORDER, status: 'refunded' as OrderDto['status'] }).status).toBe('unknown');
  });
});

describe('toCreateOrderDto(request)', () => {
  it('sends the lines and the payment method, and nothing else', () => {
    const items = [{ productId: 'mug', quantity: 2, extra: 'not for the wire' }];
    expect(toCreateOrderDto({ items, paymentMethod: 'pm_card_visa' })).toEqual({ items: [{ productId: 'mug', quantity: 2 }], paymentMethod: 'pm_card_visa' });
  });
});
