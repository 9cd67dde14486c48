import { browserStore, type BrowserStore } from '../browser-store';
import { afterReload, type CheckoutRecord } from './checkout-record';

// sessionStorage: the key belongs to this tab's checkout and survives a reload of it, which is
// exactly the window in which a lost answer must be asked about again with the same key.
function isRecord(value: unknown): value is CheckoutRecord | null {
  if (value === null) return true;
  const r = value as Partial<CheckoutRecord> | undefined;
  // A record without a payment method was saved before checkouts charged one: it is dropped.
  return (
    typeof r?.key === 'string' &&
    typeof r.paymentMethod === 'string' &&
    Array.isArray(r.items) &&
    Array.isArray(r.attempts) &&
    Array.isArray(r.inFlight) &&
    Array.isArray(r.notes)
  );
}

/** The current checkout of one customer in this tab, or `null`. */
export function checkoutStore(userId: string): BrowserStore<CheckoutRecord | null> {
  return browserStore<CheckoutRecord | null>('session', `safe-checkout:checkout:${userId}`, null, isRecord);
}

// Module state lives exactly as long as the page: if it has not looked at a customer's record
// yet, any request the record says is in flight was sent by a page that no longer exists.
const recovered = new Set<string>();

/** Once per page load: marks requests left in flight by a previous page (a reload) as cut off. */
export function recoverAfterReload(userId: string): void {
  if (recovered.has(userId)) return;
  recovered.add(userId);
  checkoutStore(userId).update((record) => (record ? afterReload(record, Date.now()) : record));
}
