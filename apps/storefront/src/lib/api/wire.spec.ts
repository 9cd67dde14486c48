import { toCreateOrderDto } from './wire';

describe('toCreateOrderDto(request)', () => {
  it('sends the lines and the payment method, and nothing else', () => {
    const items = [{ productId: 'mug', quantity: 2, extra: 'not for the wire' }];
    expect(toCreateOrderDto({ items, paymentMethod: 'pm_card_visa' })).toEqual({ items: [{ productId: 'mug', quantity: 2 }], paymentMethod: 'pm_card_visa' });
  });
});
