import { mintIdempotencyKey } from '@safe-checkout/retrying-client';
import { toApiError, type AttemptAnswer, type OrderAttemptObserver, type OrderRequest, type Session, type StorefrontApi } from '../api';
import { cartFingerprint, cartStore } from '../cart-store';
import { beginRequest, requestOf, withAttempt, withAttemptSent, withRequestSettled, type CheckoutRecord, type CheckoutResult } from './checkout-record';
import { withResolvingRequest } from './checkout-pages';
import { checkoutStore } from './checkout-store';
import { checkoutVerdict } from './checkout-verdict';
import { announceThisPage, THIS_PAGE } from './page-presence';

export interface PlaceOrderRequest {
  /** The tab's one retrying client, so one retry budget for every order. */
  api: StorefrontApi;
  session: Session;
  /** The cart and card for Buy; the checkout's own body for Check again. */
  order: OrderRequest;
  /** The shop answered 401. Called after the record settled, so the request after the next sign-in finds its key. */
  onUnauthorized?: () => void;
  /** Sent on load to settle a checkout a closed page left open. */
  resolving?: boolean;
}

/**
 * Sends one order request and records its every attempt on the customer's checkout. The key is
 * settled synchronously, before anything is awaited: a second click in the same instant finds the
 * first one's key in localStorage. Never throws: the outcome is written to the record.
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

  // The verdict reads the same answers the timeline shows.
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
    const { order: placed, replayed } = await api.placeOrder({ session, order: requestOf(begun), idempotencyKey: key, observer });
    result = { state: 'placed', at: Date.now(), orderId: placed.id, total: { cents: placed.totalCents, currency: placed.currency }, replayed };
    emptyCartIfOrdered(userId, begun);
  } catch (error) {
    const apiError = toApiError(error, api.baseUrl);
    result = { ...checkoutVerdict({ kind: 'failed', answers: answers.filter(Boolean), error: apiError }), at: Date.now() };
    unauthorized = apiError.status === 401;
  }
  onThisCheckout((r) => withRequestSettled(r, request, result));
  if (unauthorized) onUnauthorized?.();
}

// A cart changed in the meantime is a new checkout the customer has not finished: it stays.
function emptyCartIfOrdered(userId: string, record: CheckoutRecord): void {
  const ordered = cartFingerprint(record.items);
  cartStore(userId).update((cart) => (cartFingerprint(cart) === ordered ? [] : cart));
}
