import type { CheckoutRecord } from './checkout-record';
import { isCheckingLastCheckout } from './checkout-pages';

/**
 * Where the customer's checkout stands, as the checkout panel shows it:
 * - `ready`: nothing is in flight and the outcome is known (or nothing was bought yet): the card
 *   may change and Buy sends;
 * - `placing`: requests are out and the outcome is not known yet; `checking` when they check a
 *   checkout a closed page or another tab started rather than this page's Buy;
 * - `settling`: the outcome is known (placed, or definitely failed) while a double-click's twin
 *   requests still wait for their answers (replays);
 * - `unknown`: nothing is in flight and the outcome is unknown: only Check again, or this very
 *   cart and card (which reuse the key), may send.
 * In every phase but `ready` the card is locked to the one the checkout sends.
 */
export type CheckoutPhase = { name: 'ready' } | { name: 'placing'; checking: boolean } | { name: 'settling'; twins: number } | { name: 'unknown' };

/** The {@link CheckoutPhase} of `record` as page `page` sees it. */
export function checkoutPhase(record: CheckoutRecord | null, page: string): CheckoutPhase {
  const state = record?.result?.state;
  if (record === null || record.inFlight.length === 0) return state === 'unknown' ? { name: 'unknown' } : { name: 'ready' };
  if (state === 'placed' || state === 'failed') return { name: 'settling', twins: record.inFlight.length };
  return { name: 'placing', checking: isCheckingLastCheckout(record, page) };
}

/** Whether the outcome is still open: another cart now would be a second order with a new key while the first may exist. */
export function isOutcomeOpen(phase: CheckoutPhase): boolean {
  return phase.name === 'placing' || phase.name === 'unknown';
}
