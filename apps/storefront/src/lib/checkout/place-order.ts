import { mintIdempotencyKey } from '@safe-checkout/retrying-client';
import { toApiError, type AttemptAnswer, type OrderAttemptObserver, type OrderRequest, type Session, type StorefrontApi } from '../api';
import { cartFingerprint, cartStore } from '../cart-store';
import { beginRequest, requestOf, withAttempt, withAttemptSent, withRequestSettled, type CheckoutRecord, type CheckoutResult } from './checkout-record';
import { withResolvingRequest } from './checkout-pages';
import { checkoutStore } from './checkout-store';
import { checkoutVerdict } from './checkout-verdict';
import { announceThisPage, THIS_PAGE } from './page-presence';

export interface PlaceOrderRequest {
  /** The tab's API client: its one retrying client, and so its one retry budget, sends every order. */
  api: StorefrontApi;
  session: Session;
  /** What to order: the cart and the chosen card for Buy, the checkout's own body for Check again. */
  order: OrderRequest;
  /**
   * Called when the shop answered 401: the session's token has expired (or was revoked). The
   * checkout's record, its key with it, stays in localStorage under the customer's id, so the
   * request after the customer signs in again sends the same key with the same body.
   */
  onUnauthorized?: () => void;
  /** Sent on load to learn the outcome of a checkout a closed page left open (`resolvePendingCheckout`). */
  resolving?: boolean;
}

/**
 * Sends one order request for `order` and records its every attempt on the customer's checkout.
 * The key is settled synchronously, before anything is awaited: a second click in the same
 * instant already finds the first one's key in localStorage and sends the same key.
 * Never throws: the outcome is written to the checkout record.
 */
export async function placeOrder({ api, session, order, onUnauthorized, resolving = false }: PlaceOrderRequest): Promise<void> {
  const userId = session.user.id;
  const store = checkoutStore(userId);
  announceThisPage();
  const begun = store.update((record) => {
    const next = beginRequest(record, order, mintIdempotencyKey, Date.now(), THIS_PAGE);
    return resolving ? withResolvingRequest(next, next.requests, Date.now()) : next;
  }) as CheckoutRecord;
  const { key, requests: request } = begun;
  // Updates of a checkout the customer has since replaced (by changing the cart) are dropped.
  const onThisCheckout = (change: (record: CheckoutRecord) => CheckoutRecord) => store.update((record) => (record?.key === key ? change(record) : record));

  // This request's answers in attempt order: the verdict reads the same answers the timeline shows.
  const answers: AttemptAnswer[] = [];
  const observer: OrderAttemptObserver = {
    attemptSent: (attempt) => onThisCheckout((r) => withAttemptSent(r, request, attempt, Date.now())),
    attemptEnded: (attempt, answer) => {
      answers[attempt - 1] = answer;
      onThisCheckout((r) => withAttempt(r, request, attempt, { ...answer, endedAt: Date.now() }));
    },
    retryScheduled: (attempt, wait) => onThisCheckout((r) => withAttempt(r, request, attempt, { wait })),
    gaveUp: (attempt, reason) => onThisCheckout((r) => withAttempt(r, request, attempt, { gaveUp: reason })),
  };
  let result: CheckoutResult;
  let unauthorized = false;
  try {
    const placed = await api.placeOrder({ session, order: requestOf(begun), idempotencyKey: key, observer });
    result = {
      state: 'placed',
      at: Date.now(),
      orderId: placed.order.id,
      total: { cents: placed.order.totalCents, currency: placed.order.currency },
      replayed: placed.replayed,
    };
    emptyCartIfOrdered(userId, begun);
  } catch (error) {
    const apiError = toApiError(error, api.baseUrl);
    const verdict = checkoutVerdict({ kind: 'failed', answers: answers.filter(Boolean), error: apiError });
    result = { ...verdict, at: Date.now() };
    unauthorized = apiError.status === 401;
  }
  onThisCheckout((r) => withRequestSettled(r, request, result));
  // After the record is settled: the sign-in that follows must find it complete.
  if (unauthorized) onUnauthorized?.();
}

// The cart is emptied only if it still holds what was ordered: a cart changed in the meantime
// is a new checkout the customer has not finished.
function emptyCartIfOrdered(userId: string, record: CheckoutRecord): void {
  const ordered = cartFingerprint(record.items);
  cartStore(userId).update((cart) => (cartFingerprint(cart) === ordered ? [] : cart));
}
