import type { AttemptOutcome, CartItem, GiveUpReason, Money, OrderRequest, WaitReason } from '../api';
import { cartFingerprint } from '../cart-store';
import { withoutSenders } from './checkout-pages';

/** One HTTP attempt on the retry timeline. Times are milliseconds since the epoch. */
export interface TimelineAttempt {
  /** Which press of Buy / Check again sent it, 1-based within the checkout. */
  request: number;
  /** 1 for the first try of that request (the `Idempotency-Attempt` header). */
  attempt: number;
  sentAt: number;
  endedAt?: number;
  outcome: AttemptOutcome;
  status?: number;
  replayed?: boolean;
  /** The problem's slug, when the answer was the API's RFC 9457 problem. */
  slug?: string;
  /** The wait the client chose after this attempt failed, before the next one. */
  wait?: WaitReason;
  /** Set on the request's last attempt when the client gave up after it: why it made no more. */
  gaveUp?: GiveUpReason;
}

/** Something that happened to the checkout besides an attempt, e.g. a page reload. */
export interface TimelineNote {
  at: number;
  text: string;
}

/**
 * Where a checkout ended up. A placed order keeps its facts (its wording follows from
 * `replayed`, which a twin request may still change); the others keep the heading and body
 * `checkoutVerdict` chose, because what they were decided from is not stored, and a definite
 * failure whether it was `final` (stored with the key: the next Buy is a new checkout).
 */
export type CheckoutResult =
  | { state: 'placed'; at: number; orderId: string; total: Money; replayed: boolean }
  | { state: 'failed'; at: number; title: string; message: string; final?: boolean }
  | { state: 'unknown'; at: number; title: string; message: string };

/**
 * One checkout: the key minted when it started, the exact body it sends (items and payment
 * method), and everything its requests went through. Kept in localStorage, shared by every tab of
 * the shop, so that a double-click, a retry, a reload or another tab all reuse the key with the
 * same body until the outcome is known.
 */
export interface CheckoutRecord {
  key: string;
  items: CartItem[];
  /** The payment method every request of this checkout charges (`pm_…`). */
  paymentMethod: string;
  startedAt: number;
  /** Requests sent so far (presses of Buy / Check again). */
  requests: number;
  /** Requests sent that have not settled yet, by any page. */
  inFlight: number[];
  /** The page that sent each request in flight (`requestSenders[2]`), so that another page can tell a closed page's request from a live one's. */
  requestSenders?: Record<number, string>;
  /** The request a page sent on load to learn the outcome of a checkout a closed page left open. */
  resolvingRequest?: number;
  attempts: TimelineAttempt[];
  notes: TimelineNote[];
  result?: CheckoutResult;
}

/**
 * The body of an order request in canonical form: the same items (in any order) and the same
 * payment method give the same text. The key belongs to exactly this: the API answers 422
 * `idempotency-key-reused` to the same key with another body.
 */
function orderFingerprint({ items, paymentMethod }: OrderRequest): string {
  return JSON.stringify([cartFingerprint(items), paymentMethod]);
}

/**
 * Whether the record's key may be reused for `request`: the same body, and the checkout is not
 * settled for good (no order confirmed, no final answer such as a declined card stored with the key).
 */
export function canReuse(record: CheckoutRecord | null, request: OrderRequest): record is CheckoutRecord {
  if (record === null || record.result?.state === 'placed') return false;
  if (record.result?.state === 'failed' && record.result.final) return false;
  return orderFingerprint(requestOf(record)) === orderFingerprint(request);
}

/**
 * The record after one more request is started for `request` by page `page`: the same checkout
 * (same key) when it can be reused, otherwise a new one with `freshKey`. A request without a
 * page is one that every other page treats as abandoned.
 */
export function beginRequest(record: CheckoutRecord | null, request: OrderRequest, freshKey: () => string, now: number, page?: string): CheckoutRecord {
  const base = canReuse(record, request) ? record : newRecord(freshKey(), request, now);
  const next = base.requests + 1;
  const requestSenders = page === undefined ? base.requestSenders : { ...base.requestSenders, [next]: page };
  return { ...base, requests: next, inFlight: [...base.inFlight, next], requestSenders, result: undefined };
}

function newRecord(key: string, { items, paymentMethod }: OrderRequest, now: number): CheckoutRecord {
  return {
    key,
    items: items.map(({ productId, quantity }) => ({ productId, quantity })),
    paymentMethod,
    startedAt: now,
    requests: 0,
    inFlight: [],
    attempts: [],
    notes: [],
  };
}

/** What every request of the checkout sends: Check again resends exactly this. */
export function requestOf(record: CheckoutRecord): OrderRequest {
  return { items: record.items, paymentMethod: record.paymentMethod };
}

export function withAttemptSent(record: CheckoutRecord, request: number, attempt: number, now: number): CheckoutRecord {
  return { ...record, attempts: [...record.attempts, { request, attempt, sentAt: now, outcome: 'sent' }] };
}

/** The record with what became of attempt `attempt` of request `request`: its answer, the wait after it, or the give-up. */
export function withAttempt(record: CheckoutRecord, request: number, attempt: number, fields: Partial<TimelineAttempt>): CheckoutRecord {
  return { ...record, attempts: record.attempts.map((a) => (a.request === request && a.attempt === attempt ? { ...a, ...fields } : a)) };
}

/**
 * The record once request `request` has settled with `result`. A confirmed order is final:
 * a later failure of another request (a double-click's twin) cannot hide it, and it stays
 * "first time" if any request saw the original answer rather than a replay.
 */
export function withRequestSettled(record: CheckoutRecord, request: number, result: CheckoutResult): CheckoutRecord {
  const inFlight = record.inFlight.filter((r) => r !== request);
  const requestSenders = withoutSenders(record.requestSenders ?? {}, new Set([request]));
  const previous = record.result;
  if (previous?.state === 'placed') {
    const replayed = previous.replayed && (result.state !== 'placed' || result.replayed);
    return { ...record, inFlight, requestSenders, result: { ...previous, replayed } };
  }
  return { ...record, inFlight, requestSenders, result };
}
