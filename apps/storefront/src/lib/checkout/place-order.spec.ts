import { ApiError, type OrderRequest, type PlacedOrder, type SendOrderRequest, type Session, type StorefrontApi } from '../api';
import { endExpiredSession } from '../auth/session-expiry';
import { sessionStore } from '../session-store';
import { installFakeBrowserStorage } from '../../testing/browser-storage.fake';
import { checkoutStore } from './checkout-store';
import { placeOrder } from './place-order';

const SESSION: Session = { accessToken: 'expired-token', user: { id: 'user-1', email: 'alice@example.com', name: 'Alice' } };
const ORDER: OrderRequest = { items: [{ productId: 'p-1', quantity: 2 }], paymentMethod: 'pm_card_visa' };
const UNAUTHORIZED = new ApiError('problem', 'Please sign in again', 'Your session has expired or was signed out.', {
  status: 401,
  slug: 'unauthorized',
  problemOutcome: 'not-run',
});

function placed(): PlacedOrder {
  return { order: { id: 'order-1', total: { amount: 100, currency: 'EUR' } }, replayed: false } as unknown as PlacedOrder;
}

/** An API whose `POST /orders` gives the answers in turn, and remembers every request. */
function scriptedApi(...answers: Array<ApiError | PlacedOrder>) {
  const sent: SendOrderRequest[] = [];
  const api = {
    baseUrl: 'http://127.0.0.1:9',
    placeOrder: async (request: SendOrderRequest) => {
      sent.push(request);
      const answer = answers.shift();
      if (answer instanceof ApiError) throw answer;
      return answer;
    },
  } as unknown as StorefrontApi;
  return { api, sent };
}

describe('placeOrder({ api, session, order, onUnauthorized })', () => {
  let uninstall: () => void;
  beforeEach(() => {
    uninstall = installFakeBrowserStorage();
    sessionStore().update(() => SESSION);
  });
  afterEach(() => uninstall());

  describe('when the shop answers 401 (the token expired mid-checkout)', () => {
    it('calls onUnauthorized once, after the checkout record has settled', async () => {
      const { api } = scriptedApi(UNAUTHORIZED);
      const onUnauthorized = jest.fn(() => expect(checkoutStore(SESSION.user.id).get()?.inFlight).toEqual([]));

      await placeOrder({ api, session: SESSION, order: ORDER, onUnauthorized });

      expect(onUnauthorized).toHaveBeenCalledTimes(1);
    });

    it('sends the customer to sign in and back to the cart, signed out, with the checkout and its key kept', async () => {
      const { api, sent } = scriptedApi(UNAUTHORIZED);
      let redirect = '';

      await placeOrder({ api, session: SESSION, order: ORDER, onUnauthorized: () => (redirect = endExpiredSession('/cart')) });

      expect(redirect).toBe('/sign-in?next=%2Fcart&reason=expired');
      expect(sessionStore().get()).toBeNull();
      expect(checkoutStore(SESSION.user.id).get()?.key).toBe(sent[0].idempotencyKey);
    });

    it('after the customer signs in again, the same cart and card are sent with the same Idempotency-Key', async () => {
      const { api, sent } = scriptedApi(UNAUTHORIZED, placed());
      await placeOrder({ api, session: SESSION, order: ORDER, onUnauthorized: () => endExpiredSession('/cart') });

      const renewed: Session = { ...SESSION, accessToken: 'fresh-token' };
      sessionStore().update(() => renewed);
      await placeOrder({ api, session: renewed, order: ORDER });

      expect(sent).toHaveLength(2);
      expect(sent[1].idempotencyKey).toBe(sent[0].idempotencyKey);
      expect(sent[1].session.accessToken).toBe('fresh-token');
      expect(checkoutStore(SESSION.user.id).get()?.result?.state).toBe('placed');
    });
  });

  it('when the shop answers something else than 401, does not call onUnauthorized', async () => {
    const conflict = new ApiError('problem', 'Out of stock', 'Not enough stock.', { status: 422, slug: 'insufficient-stock' });
    const { api } = scriptedApi(conflict);
    const onUnauthorized = jest.fn();

    await placeOrder({ api, session: SESSION, order: ORDER, onUnauthorized });

    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
