import { MAX_QUANTITY, cartFingerprint, withQuantity } from './cart-store';

describe('withQuantity(cart, productId, quantity)', () => {
  it('when the product is new, appends a line', () => {
    expect(withQuantity([{ productId: 'a', quantity: 1 }], 'b', 2)).toEqual([
      { productId: 'a', quantity: 1 },
      { productId: 'b', quantity: 2 },
    ]);
  });

  it('when the quantity is 0, removes the line', () => {
    expect(withQuantity([{ productId: 'a', quantity: 1 }], 'a', 0)).toEqual([]);
  });

  it('when the quantity is above what the API accepts, caps it', () => {
    expect(withQuantity([], 'a', 5000)).toEqual([{ productId: 'a', quantity: MAX_QUANTITY }]);
  });
});

describe('cartFingerprint(cart)', () => {
  it('is the same whatever the order of the lines', () => {
    const a = { productId: 'a', quantity: 1 };
    const b = { productId: 'b', quantity: 2 };
    expect(cartFingerprint([a, b])).toBe(cartFingerprint([b, a]));
  });

  it('differs when a quantity differs', () => {
    expect(cartFingerprint([{ productId: 'a', quantity: 1 }])).not.toBe(cartFingerprint([{ productId: 'a', quantity: 2 }]));
  });
});
