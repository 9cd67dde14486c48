import { browserStore, type BrowserStore } from '../browser-store';
import type { CheckoutRecord } from './checkout-record';

function isRecord(value: unknown): value is CheckoutRecord | null {
  const r = value as Partial<CheckoutRecord> | null;
  return r === null || (typeof r?.key === 'string' && typeof r.paymentMethod === 'string' && [r.items, r.attempts, r.inFlight, r.notes].every(Array.isArray));
}

/**
 * The current checkout of one customer, in localStorage and shared by every tab: a checkout whose
 * outcome is not known belongs to the customer, not to the tab that started it, so a closed tab
 * leaves its key for the next one to settle instead of a cart a new key would order again.
 */
export function checkoutStore(userId: string): BrowserStore<CheckoutRecord | null> {
  return browserStore<CheckoutRecord | null>('local', `safe-checkout:checkout:${userId}`, null, isRecord);
}
