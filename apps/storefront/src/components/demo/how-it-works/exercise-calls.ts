import { ApiError, type OrderAttemptObserver, type OrderRequest, type Session, type StorefrontApi, type VersionedProfile } from '@/lib/api';
import type { CheckoutRecord } from '@/lib/checkout/checkout-record';
import { shortId } from '@/lib/format';
import { fieldsOf } from '@/lib/profile/profile-field';

/** One request the exercises send to the running shop, and what it answered, in words. */
export interface ExerciseStep {
  request: string;
  answer: string;
  tone: 'ok' | 'info' | 'bad';
}

export type ExerciseApi = Pick<StorefrontApi, 'placeOrder' | 'postOrderWithoutKey' | 'getProfile' | 'replaceProfile'>;

/** A checkout of this tab that placed an order: its key and body can be sent again harmlessly. */
export type PlacedCheckout = CheckoutRecord & { result: { state: 'placed'; orderId: string } };

export function isPlacedCheckout(record: CheckoutRecord | null): record is PlacedCheckout {
  return record?.result?.state === 'placed';
}

/** Exercise 1, POST: the checkout's body without a key. The shop refuses to run it. */
export async function postWithoutKey(api: ExerciseApi, session: Session, order: OrderRequest): Promise<ExerciseStep[]> {
  const request = 'POST /orders, the same body, no Idempotency-Key';
  try {
    const placed = await api.postOrderWithoutKey(session, order);
    return [{ request, answer: `HTTP 201: order ${shortId(placed.order.id)} created, a new one. This shop should have refused it.`, tone: 'bad' }];
  } catch (error) {
    return [{ request, ...refusal(error, 'nothing was ordered: without a key the shop could not tell a retry of this request from a new order') }];
  }
}

/** Exercise 1, PUT: the profile as it is, saved twice with `If-Match`. Same state, same answer, same version. */
export async function putProfileTwice(api: ExerciseApi, session: Session): Promise<ExerciseStep[]> {
  const user = `/users/${shortId(session.user.id)}…`;
  let current: VersionedProfile = await api.getProfile(session);
  const steps: ExerciseStep[] = [{ request: `GET ${user}`, answer: `HTTP 200, ETag ${current.etag}`, tone: 'info' }];
  for (const which of ['first', 'second']) {
    const saved = await api.replaceProfile(session, fieldsOf(current.profile), current.etag);
    const same = saved.etag === current.etag ? 'unchanged: nothing was different' : 'a new version';
    steps.push({ request: `PUT ${user} (${which} time), If-Match: ${current.etag}`, answer: `HTTP 200, ETag ${saved.etag} (${same})`, tone: 'ok' });
    current = saved;
  }
  return steps;
}

/** Exercise 2: this tab's placed checkout sent again with its key, with the same body or with one more of the first item. */
export async function repeatKey(api: ExerciseApi, session: Session, checkout: PlacedCheckout, body: 'same' | 'other'): Promise<ExerciseStep[]> {
  const items = checkout.items.map((item, i) => (body === 'other' && i === 0 ? { ...item, quantity: item.quantity + 1 } : item));
  const request = `POST /orders, Idempotency-Key: ${shortId(checkout.key)}…, ${body === 'same' ? 'the same body' : 'one more of the first item'}`;
  try {
    const placed = await api.placeOrder({
      session,
      order: { items, paymentMethod: checkout.paymentMethod },
      idempotencyKey: checkout.key,
      observer: UNOBSERVED,
    });
    const orderId = checkout.result.orderId;
    if (placed.replayed && placed.order.id === orderId) {
      const answer = `HTTP 201, Idempotent-Replayed: true: order ${shortId(orderId)}, the one this checkout placed, answered from storage. Nothing new was ordered.`;
      return [{ request, answer, tone: 'ok' }];
    }
    // Possible only when the key is older than the shop keeps keys (24 h by default).
    const answer = `HTTP 201: order ${shortId(placed.order.id)}, ${placed.replayed ? 'replayed' : 'created now'}: the shop no longer knew this key.`;
    return [{ request, answer, tone: 'bad' }];
  } catch (error) {
    return [{ request, ...refusal(error, 'the key belongs to another body, so the shop refused to guess; nothing was stored') }];
  }
}

function refusal(error: unknown, meaning: string): Omit<ExerciseStep, 'request'> {
  if (error instanceof ApiError && error.status !== undefined && error.status < 500) {
    return { answer: `HTTP ${error.status}${error.slug ? ` ${error.slug}` : ''}: ${meaning}.`, tone: 'info' };
  }
  return { answer: `No answer to show: ${error instanceof Error ? error.message : String(error)}`, tone: 'bad' };
}

const UNOBSERVED: OrderAttemptObserver = {
  attemptSent: () => undefined,
  attemptEnded: () => undefined,
  retryScheduled: () => undefined,
  gaveUp: () => undefined,
};
