import type { Session, StorefrontApi } from '../api';
import { afterPagesClosed } from './checkout-pages';
import { requestOf } from './checkout-record';
import { checkoutStore } from './checkout-store';
import { announceThisPage, livePages } from './page-presence';
import { placeOrder } from './place-order';

// Module state lives exactly as long as the page: each page settles a customer's checkout once, on load.
const resolved = new Set<string>();

/**
 * Once per page load: settles what closed pages left of the customer's checkout, then, if its
 * outcome is unknown and no live page still waits, sends it again with its own key, items and card.
 * An order already placed is replayed (the cart emptied); one that never reached the shop is placed
 * now, once; one stopped at the charge is charged at most once. Until then no tab offers Buy for
 * another cart: that would be a second order with a new key.
 */
export async function resolvePendingCheckout({ api, session, onUnauthorized }: { api: StorefrontApi; session: Session; onUnauthorized?: () => void }) {
  const userId = session.user.id;
  if (resolved.has(userId)) return;
  resolved.add(userId);
  announceThisPage();
  const live = await livePages();
  const record = checkoutStore(userId).update((current) => (current ? afterPagesClosed(current, live, Date.now()) : current));
  if (!record || record.inFlight.length > 0 || record.result?.state !== 'unknown') return;
  await placeOrder({ api, session, order: requestOf(record), onUnauthorized, resolving: true });
}
