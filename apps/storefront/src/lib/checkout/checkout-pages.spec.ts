import type { CartItem, OrderRequest } from '../api';
import { afterPagesClosed, isCheckingLastCheckout, withResolvingRequest } from './checkout-pages';
import { beginRequest, withAttempt, withAttemptSent, withRequestSettled, type CheckoutRecord } from './checkout-record';

const MUG: CartItem = { productId: 'mug', quantity: 2 };
const order = (items: CartItem[]): OrderRequest => ({ items, paymentMethod: 'pm_card_visa' });
const keys = (...values: string[]) => {
  const queue = [...values];
  return () => queue.shift() ?? 'unexpected-extra-key';
};
const placed = (replayed: boolean) => ({ state: 'placed' as const, at: 2, orderId: 'o1', total: { cents: 100, currency: 'EUR' }, replayed });

describe('afterPagesClosed(record, livePages, now)', () => {
  const sentBy = (page: string): CheckoutRecord => {
    const record = withAttemptSent(beginRequest(null, order([MUG]), keys('k1'), 1, page), 1, 1, 1);
    return withAttemptSent(withAttempt(record, 1, 1, { outcome: 'in-progress', status: 409, endedAt: 2 }), 1, 2, 3);
  };

  it('when the page that sent a request in flight is closed, marks its pending attempt cut off and the outcome unknown', () => {
    const record = afterPagesClosed(sentBy('closed-tab'), new Set(['this-tab']), 10);
    expect(record.attempts.map((a) => a.outcome)).toEqual(['in-progress', 'cut-off']);
    expect(record.inFlight).toEqual([]);
    expect(record.requestSenders).toEqual({});
    expect(record.result?.state).toBe('unknown');
    expect(record.notes.map((note) => note.text)).toEqual(['The page that sent request 1 was closed or reloaded before the answer came.']);
  });

  it('when the page that sent it is still alive (another tab), leaves its request waiting for that page', () => {
    const sending = sentBy('other-tab');
    expect(afterPagesClosed(sending, new Set(['this-tab', 'other-tab']), 10)).toBe(sending);
  });

  it('cuts off only the closed page’s request, and leaves the outcome open while a live page still waits', () => {
    const twoTabs = beginRequest(sentBy('closed-tab'), order([MUG]), keys('unused'), 4, 'other-tab');
    const record = afterPagesClosed(twoTabs, new Set(['other-tab']), 10);
    expect(record.inFlight).toEqual([2]);
    expect(record.requestSenders).toEqual({ 2: 'other-tab' });
    expect(record.result).toBeUndefined();
  });

  it('when nothing was in flight, changes nothing', () => {
    const settled = withRequestSettled(sentBy('closed-tab'), 1, placed(false));
    expect(afterPagesClosed(settled, new Set(), 10)).toBe(settled);
  });
});

describe('isCheckingLastCheckout(record, page)', () => {
  const sending = (page: string) => beginRequest(null, order([MUG]), keys('k1'), 1, page);

  it('is false while only this page’s Buy is in flight', () => {
    expect(isCheckingLastCheckout(sending('this-tab'), 'this-tab')).toBe(false);
  });

  it('is true while another page’s request, or the check sent on load, is in flight', () => {
    expect(isCheckingLastCheckout(sending('other-tab'), 'this-tab')).toBe(true);
    expect(isCheckingLastCheckout(withResolvingRequest(sending('this-tab'), 1, 2), 'this-tab')).toBe(true);
  });
});
