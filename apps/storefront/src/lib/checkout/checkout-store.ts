import { browserStore, type BrowserStore } from '../browser-store';
import type { CheckoutRecord } from './checkout-record';

function isRecord(value: unknown): value is CheckoutRecord | null {
  if (value === null) return true;
  const r = value as Partial<CheckoutRecord> | undefined;
  return (
    typeof r?.key === 'string' &&
    typeof r.paymentMethod === 'string' &&
    Array.isArray(r.items) &&
    Array.isArray(r.attempts) &&
    Array.isArray(r.inFlight) &&
    Array.isArray(r.notes)
  );
}

/**
 * The current checkout of one customer, or `null`. In localStorage, shared by every tab of the
 * shop (other tabs' writes arrive as `storage` events): a checkout whose outcome is not known yet
 * belongs to the customer, not to the tab that started it, so a tab closed mid-checkout leaves its
 * key for the next tab to resolve instead of a cart that a new key would order again.
 */
export function checkoutStore(userId: string): BrowserStore<CheckoutRecord | null> {
  return browserStore<CheckoutRecord | null>('local', `safe-checkout:checkout:${userId}`, null, isRecord);
}
