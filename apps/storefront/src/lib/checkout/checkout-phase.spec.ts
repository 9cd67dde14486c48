import type { CartItem, OrderRequest } from '../api';
import { checkoutPhase, isOutcomeOpen } from './checkout-phase';
import { beginRequest, withRequestSettled, type CheckoutResult } from './checkout-record';

const MUG: CartItem = { productId: 'mug', quantity: 2 };
const ORDER: OrderRequest = { items: [MUG], paymentMethod: 'pm_card_visa' };
const key = () => 'k1';
const PLACED: CheckoutResult = { state: 'placed', at: 2, orderId: 'o1', total: { cents: 100, currency: 'EUR' }, replayed: false };
const DECLINED: CheckoutResult = { state: 'failed', at: 2, title: 'Declined', message: 'Nothing was charged.', final: true };
const UNKNOWN: CheckoutResult = { state: 'unknown', at: 2, title: 'Outcome unknown', message: 'It may or may not have been placed.' };
const sentByThisPage = () => beginRequest(null, ORDER, key, 1, 'this-page');

describe('checkoutPhase(record, page)', () => {
  it('when nothing was bought yet, is ready', () => {
    expect(checkoutPhase(null, 'this-page')).toEqual({ name: 'ready' });
  });

  it("when this page's Buy is out, is placing, not checking", () => {
    expect(checkoutPhase(sentByThisPage(), 'this-page')).toEqual({ name: 'placing', checking: false });
  });

  it("when another page's request is out, is placing and checking", () => {
    expect(checkoutPhase(sentByThisPage(), 'other-page')).toEqual({ name: 'placing', checking: true });
  });

  it('when Check again is out after an unknown outcome, is placing', () => {
    const unknown = withRequestSettled(sentByThisPage(), 1, UNKNOWN);
    expect(checkoutPhase(beginRequest(unknown, ORDER, key, 3, 'this-page'), 'this-page').name).toBe('placing');
  });

  it('when the order was placed and a twin request still waits, is settling with the twins counted', () => {
    const twice = beginRequest(sentByThisPage(), ORDER, key, 2, 'this-page');
    expect(checkoutPhase(withRequestSettled(twice, 1, PLACED), 'this-page')).toEqual({ name: 'settling', twins: 1 });
  });

  it.each([
    { name: 'placed', result: PLACED, phase: 'ready' },
    { name: 'definitely failed', result: DECLINED, phase: 'ready' },
    { name: 'unknown', result: UNKNOWN, phase: 'unknown' },
  ])('when the last request settled as $name, is $phase', ({ result, phase }) => {
    expect(checkoutPhase(withRequestSettled(sentByThisPage(), 1, result), 'this-page').name).toBe(phase);
  });
});

describe('isOutcomeOpen(phase)', () => {
  it.each([
    { phase: { name: 'ready' } as const, open: false },
    { phase: { name: 'placing', checking: false } as const, open: true },
    { phase: { name: 'settling', twins: 1 } as const, open: false },
    { phase: { name: 'unknown' } as const, open: true },
  ])('when $phase.name, is $open', ({ phase, open }) => {
    expect(isOutcomeOpen(phase)).toBe(open);
  });
});
