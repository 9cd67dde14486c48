import type { CheckoutRecord } from './checkout-record';
import { isCheckingLastCheckout } from './checkout-pages';

/**
 * Where the checkout stands for the panel: `ready` (the card may change, Buy sends); `placing`
 * (requests out, outcome not known; `checking` when they settle a checkout another page started);
 * `settling` (outcome known while a double-click's twins still wait for their replays); `unknown`
 * (nothing out, outcome unknown: only Check again, or this very cart and card, may send). In every
 * phase but `ready` the card is locked to the one the checkout sends.
 */
export type CheckoutPhase = { name: 'ready' } | { name: 'placing'; checking: boolean } | { name: 'settling'; twins: number } | { name: 'unknown' };

export function checkoutPhase(record: CheckoutRecord | null, page: string): CheckoutPhase {
  const state = record?.result?.state;
  if (record === null || record.inFlight.length === 0) return state === 'unknown' ? { name: 'unknown' } : { name: 'ready' };
  if (state === 'placed' || state === 'failed') return { name: 'settling', twins: record.inFlight.length };
  return { name: 'placing', checking: isCheckingLastCheckout(record, page) };
}

/** Whether the outcome is open: another cart now would be a second order, with a new key, while the first may exist. */
export function isOutcomeOpen(phase: CheckoutPhase): boolean {
  return phase.name === 'placing' || phase.name === 'unknown';
}
