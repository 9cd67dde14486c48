import type { PlacedOrder, SendOrderRequest, Session, StorefrontApi } from '../api';
import { cartStore } from '../cart-store';
import { installFakeBrowserStorage } from '../../testing/browser-storage.fake';
import { beginRequest, withAttemptSent } from './checkout-record';
import { checkoutStore } from './checkout-store';
import { resolvePendingCheckout } from './resolve-pending-checkout';

const SESSION: Session = { accessToken: 'token', user: { id: 'user-resolve', email: 'alice@example.com', name: 'Alice' } };
const ITEMS = [{ productId: 'p-1', quantity: 1 }];
const ORDER = { items: ITEMS, paymentMethod: 'pm_card_visa' };

function replayingApi() {
  const sent: SendOrderRequest[] = [];
  const api = {
    baseUrl: 'http://127.0.0.1:9',
    placeOrder: async (request: SendOrderRequest) => {
      sent.push(request);
      return { order: { id: 'order-1', total: { cents: 100, currency: 'EUR' } }, replayed: true } as unknown as PlacedOrder;
    },
  } as unknown as StorefrontApi;
  return { api, sent };
}

// Jest runs in Node, without the Web Locks API: only this page counts as alive, so a request
// another page sent is one a closed page left.
describe('resolvePendingCheckout({ api, session })', () => {
  let uninstall: () => void;
  beforeEach(() => (uninstall = installFakeBrowserStorage()));
  afterEach(() => uninstall());

  it('when a closed page left a request in flight, sends the same key and body once, and the replayed order empties the cart', async () => {
    cartStore(SESSION.user.id).update(() => ITEMS);
    const left = checkoutStore(SESSION.user.id).update(() =>
      withAttemptSent(
        beginRequest(null, ORDER, () => 'key-of-closed-tab-0001', 1, 'closed-tab'),
        1,
        1,
        1,
      ),
    );
    const { api, sent } = replayingApi();

    await resolvePendingCheckout({ api, session: SESSION });
    await resolvePendingCheckout({ api, session: SESSION });

    expect(sent.map((request) => [request.idempotencyKey, request.order])).toEqual([[left?.key, ORDER]]);
    const record = checkoutStore(SESSION.user.id).get();
    expect(record?.attempts.map((a) => `${a.request}.${a.attempt} ${a.outcome}`)).toEqual(['1.1 cut-off']);
    expect(record?.result).toMatchObject({ state: 'placed', replayed: true });
    expect(record?.notes.map((note) => note.text)).toEqual([
      'The page that sent request 1 was closed or reloaded before the answer came.',
      'Checking your last checkout: the same key, items and card sent again, so an order already placed is only replayed.',
    ]);
    expect(cartStore(SESSION.user.id).get()).toEqual([]);
  });

  it('when the checkout has its answer, sends nothing', async () => {
    const otherUser = { ...SESSION, user: { ...SESSION.user, id: 'user-settled' } };
    checkoutStore(otherUser.user.id).update(() => ({
      ...beginRequest(null, ORDER, () => 'key-settled-000001', 1),
      inFlight: [],
      result: { state: 'placed', at: 2, orderId: 'o', total: { cents: 1, currency: 'EUR' }, replayed: false },
    }));
    const { api, sent } = replayingApi();

    await resolvePendingCheckout({ api, session: otherUser });

    expect(sent).toEqual([]);
  });
});
