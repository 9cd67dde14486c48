import type { AttemptOutcome, CartItem, GiveUpReason, Money, OrderRequest, WaitReason } from '../api';
import { cartFingerprint } from '../cart-store';
import { withoutSenders } from './checkout-pages';

/** One HTTP attempt on the retry timeline; times in milliseconds since the epoch. */
export interface TimelineAttempt {
  /** Which press of Buy / Check again sent it, 1-based within the checkout. */
  request: number;
  /** The `Idempotency-Attempt` number within that request, from 1. */
  attempt: number;
  sentAt: number;
  endedAt?: number;
  outcome: AttemptOutcome;
  status?: number;
  replayed?: boolean;
  slug?: string;
  /** The wait the client chose after this attempt failed. */
  wait?: WaitReason;
  /** Why the client made no more attempts after this one. */
  gaveUp?: GiveUpReason;
}

export interface TimelineNote {
  at: number;
  text: string;
}

/**
 * Where a checkout ended up. A placed order keeps its facts (a twin request may still change
 * `replayed`); the others keep the words `checkoutVerdict` chose, since what they were decided from
 * is not stored, and whether a failure is `final` (stored with the key: the next Buy is a new checkout).
 */
export type CheckoutResult =
  | { state: 'placed'; at: number; orderId: string; total: Money; replayed: boolean }
  | { state: 'failed'; at: number; title: string; message: string; final?: boolean }
  | { state: 'unknown'; at: number; title: string; message: string };

/**
 * One checkout: its key, the exact body it sends, and everything its requests went through. Kept
 * in localStorage and shared by every tab, so that a double-click, a retry, a reload or another tab
 * all reuse the key with the same body until the outcome is known.
 */
export interface CheckoutRecord {
  key: string;
  items: CartItem[];
  paymentMethod: string;
  startedAt: number;
  /** Requests sent so far (presses of Buy / Check again). */
  requests: number;
  /** Requests not settled yet, by any page. */
  inFlight: number[];
  /** The page that sent each request in flight, so that another page can tell a closed page's request from a live one's. */
  requestSenders?: Record<number, string>;
  /** The request a page sent on load to settle a checkout a closed page left open. */
  resolvingRequest?: number;
  attempts: TimelineAttempt[];
  notes: TimelineNote[];
  result?: CheckoutResult;
}

// The key belongs to exactly this body: the API answers 422 `idempotency-key-reused` to the same key with another.
function orderFingerprint({ items, paymentMethod }: OrderRequest): string {
  return JSON.stringify([cartFingerprint(items), paymentMethod]);
}

/** Whether the record's key may be sent with `request`: the same body, and no order placed nor final answer stored with the key. */
export function canReuse(record: CheckoutRecord | null, request: OrderRequest): record is CheckoutRecord {
  if (record === null || record.result?.state === 'placed') return false;
  if (record.result?.state === 'failed' && record.result.final) return false;
  return orderFingerprint(requestOf(record)) === orderFingerprint(request);
}

/**
 * The record after page `page` starts one more request for `request`: the same checkout when it can
 * be reused, otherwise a new one with `freshKey()`. Every other page treats a request without a page as abandoned.
 */
export function beginRequest(record: CheckoutRecord | null, request: OrderRequest, freshKey: () => string, now: number, page?: string): CheckoutRecord {
  const base: CheckoutRecord = canReuse(record, request)
    ? record
    : { key: freshKey(), ...copyOf(request), startedAt: now, requests: 0, inFlight: [], attempts: [], notes: [] };
  const next = base.requests + 1;
  const requestSenders = page === undefined ? base.requestSenders : { ...base.requestSenders, [next]: page };
  return { ...base, requests: next, inFlight: [...base.inFlight, next], requestSenders, result: undefined };
}

/** What every request of the checkout sends: Check again resends exactly this. */
export function requestOf(record: CheckoutRecord): OrderRequest {
  return { items: record.items, paymentMethod: record.paymentMethod };
}

function copyOf({ items, paymentMethod }: OrderRequest): OrderRequest {
  return { items: items.map(({ productId, quantity }) => ({ productId, quantity })), paymentMethod };
}

export function withAttemptSent(record: CheckoutRecord, request: number, attempt: number, now: number): CheckoutRecord {
  return { ...record, attempts: [...record.attempts, { request, attempt, sentAt: now, outcome: 'sent' }] };
}

export function withAttempt(record: CheckoutRecord, request: number, attempt: number, fields: Partial<TimelineAttempt>): CheckoutRecord {
  return { ...record, attempts: record.attempts.map((a) => (a.request === request && a.attempt === attempt ? { ...a, ...fields } : a)) };
}

/**
 * The record once request `request` settled with `result`. A placed order stays placed whatever a
 * double-click's twin gets afterwards, and stays "first time" if any request saw the original answer.
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
