import type { CheckoutRecord } from './checkout-record';
import { checkoutVerdict } from './checkout-verdict';

/**
 * The record as a page finds it on load: the requests of pages no longer alive (closed or
 * reloaded) lost their answers, so their last attempts are cut off and, unless an order was placed
 * or a live page still waits, the outcome is unknown until the same key is sent again.
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

/** The record once request `request` was sent on load to settle a checkout a closed page left open. */
export function withResolvingRequest(record: CheckoutRecord, request: number, now: number): CheckoutRecord {
  const note = { at: now, text: 'Checking your last checkout: the same key, items and card sent again, so an order already placed is only replayed.' };
  return { ...record, resolvingRequest: request, notes: [...record.notes, note] };
}

/** Whether what is in flight checks the last checkout (the request sent on load, or another page's) rather than this page's Buy. */
export function isCheckingLastCheckout(record: CheckoutRecord, page?: string): boolean {
  const senders = record.requestSenders ?? {};
  return record.inFlight.some((request) => request === record.resolvingRequest || (page !== undefined && senders[request] !== page));
}

export function withoutSenders(senders: Record<number, string>, settled: ReadonlySet<number>): Record<number, string> {
  return Object.fromEntries(Object.entries(senders).filter(([request]) => !settled.has(Number(request))));
}
