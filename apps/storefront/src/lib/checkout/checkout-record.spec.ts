import type { CartItem, OrderRequest } from '../api';
import { beginRequest, canReuse, requestOf, withRequestSettled } from './checkout-record';

const MUG: CartItem = { productId: 'mug', quantity: 2 };
const SHIRT: CartItem = { productId: 'shirt', quantity: 1 };
const VISA = 'pm_card_visa';
const DECLINED_CARD = 'pm_card_chargeDeclined';
const order = (items: CartItem[], paymentMethod = VISA): OrderRequest => ({ items, paymentMethod });
const keys = (...values: string[]) => {
  const queue = [...values];
  return () => queue.shift() ?? 'unexpected-extra-key';
};
const placed = (replayed: boolean) => ({ state: 'placed' as const, at: 2, orderId: 'o1', total: { cents: 100, currency: 'EUR' }, replayed });

describe('beginRequest(record, request, freshKey, now)', () => {
  it('when there is no checkout yet, mints a key and starts request 1 for exactly these items and this card', () => {
    const record = beginRequest(null, order([MUG]), keys('k1'), 1);
    expect(record).toMatchObject({ key: 'k1', items: [MUG], paymentMethod: VISA, requests: 1, inFlight: [1], attempts: [] });
    expect(requestOf(record)).toEqual(order([MUG]));
  });

  it('when the same items are bought again before confirmation (double-click, retry), reuses the key', () => {
    const first = beginRequest(null, order([MUG, SHIRT]), keys('k1'), 1);
    const second = beginRequest(first, order([SHIRT, MUG]), keys('k2'), 2);
    expect(second).toMatchObject({ key: 'k1', requests: 2, inFlight: [1, 2] });
  });

  it('when the cart changed, starts a new checkout with a new key', () => {
    const first = beginRequest(null, order([MUG]), keys('k1'), 1);
    expect(beginRequest(first, order([{ ...MUG, quantity: 3 }]), keys('k2'), 2)).toMatchObject({ key: 'k2', requests: 1 });
  });

  it('when the card changed, starts a new checkout with a new key', () => {
    const first = beginRequest(null, order([MUG]), keys('k1'), 1);
    expect(beginRequest(first, order([MUG], 'pm_card_mastercard'), keys('k2'), 2)).toMatchObject({
      key: 'k2',
      paymentMethod: 'pm_card_mastercard',
      requests: 1,
    });
  });

  it('when the card was declined (a final answer stored with the key), starts a new checkout even for the same items and card', () => {
    const declined = withRequestSettled(beginRequest(null, order([MUG], DECLINED_CARD), keys('k1'), 1), 1, {
      state: 'failed',
      at: 2,
      title: 't',
      message: 'm',
      final: true,
    });
    expect(canReuse(declined, order([MUG], DECLINED_CARD))).toBe(false);
    expect(beginRequest(declined, order([MUG]), keys('k2'), 3)).toMatchObject({ key: 'k2', paymentMethod: VISA, requests: 1 });
  });

  it('when a definite failure stored nothing with the key (the request was turned away, e.g. 401), reuses the key for the same items and card', () => {
    const failed = withRequestSettled(beginRequest(null, order([MUG]), keys('k1'), 1), 1, { state: 'failed', at: 2, title: 't', message: 'm', final: false });
    expect(beginRequest(failed, order([MUG]), keys('k2'), 3)).toMatchObject({ key: 'k1', requests: 2, result: undefined });
  });

  it('when the order was confirmed, starts a new checkout even for the same items', () => {
    const done = withRequestSettled(beginRequest(null, order([MUG]), keys('k1'), 1), 1, placed(false));
    expect(canReuse(done, order([MUG]))).toBe(false);
    expect(beginRequest(done, order([MUG]), keys('k2'), 3).key).toBe('k2');
  });

  it('when the outcome was unknown, reuses the key and clears the verdict while asking again', () => {
    const unknown = withRequestSettled(beginRequest(null, order([MUG]), keys('k1'), 1), 1, { state: 'unknown', at: 2, title: 't', message: 'm' });
    expect(beginRequest(unknown, order([MUG]), keys('k2'), 3)).toMatchObject({ key: 'k1', result: undefined, requests: 2 });
  });
});

describe('withRequestSettled(record, request, result)', () => {
  const twoRequests = beginRequest(beginRequest(null, order([MUG]), keys('k1'), 1), order([MUG]), keys(), 1);

  it('when a twin request fails after the order was placed, keeps "placed"', () => {
    const record = withRequestSettled(withRequestSettled(twoRequests, 1, placed(false)), 2, { state: 'unknown', at: 3, title: 't', message: 'm' });
    expect(record.result).toMatchObject({ state: 'placed', replayed: false });
    expect(record.inFlight).toEqual([]);
  });

  it('when one request saw the original answer and another a replay, says "first time"', () => {
    const record = withRequestSettled(withRequestSettled(twoRequests, 2, placed(true)), 1, placed(false));
    expect(record.result).toMatchObject({ state: 'placed', replayed: false });
  });

  it('when every request saw a replay, says "replayed"', () => {
    const record = withRequestSettled(withRequestSettled(twoRequests, 1, placed(true)), 2, placed(true));
    expect(record.result).toMatchObject({ state: 'placed', replayed: true });
  });
});
