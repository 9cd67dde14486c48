import type { CheckoutRecord } from './checkout-record';
import { checkoutVerdict } from './checkout-verdict';

// The checkout record is shared by every tab of the shop (localStorage): these are the changes
// that come from several pages sending requests for it, and from pages that went away.

/**
 * The record as a page finds it on load: requests in flight whose page is no longer alive (closed
 * or reloaded) lost their answers. Their last attempts are marked cut off, and, unless an order
 * was confirmed or a live page still waits for an answer, the outcome is unknown until the same
 * key is sent again.
 */
export function afterPagesClosed(record: CheckoutRecord, livePages: ReadonlySet<string>, now: number): CheckoutRecord {
  const senders = record.requestSenders ?? {};
  const cut = new Set(record.inFlight.filter((request) => !livePages.has(senders[request])));
  if (cut.size === 0) return record;
  const inFlight = record.inFlight.filter((request) => !cut.has(request));
  const attempts = record.attempts.map((a) => (cut.has(a.request) && a.outcome === 'sent' ? { ...a, outcome: 'cut-off' as const, endedAt: now } : a));
  const which = cut.size === 1 ? `request ${[...cut][0]}` : `requests ${[...cut].join(', ')}`;
  const note = { at: now, text: `The page that sent ${which} was closed or reloaded before the answer came.` };
  const pending = record.result ?? (inFlight.length > 0 ? undefined : { ...checkoutVerdict({ kind: 'cut-off' }), at: now });
  return { ...record, attempts, inFlight, requestSenders: withoutSenders(senders, cut), notes: [...record.notes, note], result: pending };
}

/** The record once request `request` was sent, on load, to learn the outcome of a checkout a closed page left open. */
export function withResolvingRequest(record: CheckoutRecord, request: number, now: number): CheckoutRecord {
  const note = { at: now, text: 'Checking your last checkout: the same key, items and card sent again, so an order already placed is only replayed.' };
  return { ...record, resolvingRequest: request, notes: [...record.notes, note] };
}

/**
 * Whether what is in flight is a check of the last checkout rather than this page's Buy: the
 * request sent on load, or requests of another page (a tab still waiting, or one not yet known to be closed).
 */
export function isCheckingLastCheckout(record: CheckoutRecord, page?: string): boolean {
  const senders = record.requestSenders ?? {};
  return record.inFlight.some((request) => request === record.resolvingRequest || (page !== undefined && senders[request] !== page));
}

/** `senders` without the requests in `settled`. */
export function withoutSenders(senders: Record<number, string>, settled: ReadonlySet<number>): Record<number, string> {
  return Object.fromEntries(Object.entries(senders).filter(([request]) => !settled.has(Number(request))));
}
