import type { Session, StorefrontApi } from '../api';
import { afterPagesClosed } from './checkout-pages';
import { requestOf } from './checkout-record';
import { checkoutStore } from './checkout-store';
import { announceThisPage, livePages } from './page-presence';
import { placeOrder } from './place-order';

export interface ResolvePendingCheckoutRequest {
  api: StorefrontApi;
  session: Session;
  /** As for `placeOrder`: the shop answered 401. */
  onUnauthorized?: () => void;
}

// Module state lives exactly as long as the page: each page resolves a customer's checkout once, on load.
const resolved = new Set<string>();

/**
 * Once per page load: settles what closed pages left of the customer's shared checkout, then, if
 * its outcome is unknown and no live page is still waiting for an answer, sends the checkout again
 * with its own key, items and card ("Checking your last checkout…"). If the order was placed the
 * shop replays it (the cart is emptied); if it never reached the shop it is placed now, once, as
 * the Buy that started it asked; if it resumed at the charge, that charge is made at most once.
 * Until then no tab offers Buy for another cart: that would be a second order with a new key.
 */
export async function resolvePendingCheckout({ api, session, onUnauthorized }: ResolvePendingCheckoutRequest): Promise<void> {
  const userId = session.user.id;
  if (resolved.has(userId)) return;
  resolved.add(userId);
  announceThisPage();
  const live = await livePages();
  const record = checkoutStore(userId).update((current) => (current ? afterPagesClosed(current, live, Date.now()) : current));
  if (!record || record.inFlight.length > 0 || record.result?.state !== 'unknown') return;
  await placeOrder({ api, session, order: requestOf(record), onUnauthorized, resolving: true });
}
