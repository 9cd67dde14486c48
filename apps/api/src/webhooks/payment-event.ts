import type { PaymentIntent } from '../checkout/charge-outcome';

/** The event types the shop subscribes to (payments.md §5); every other type is acknowledged and ignored. */
export const HANDLED_EVENT_TYPES = ['payment_intent.succeeded', 'payment_intent.payment_failed'] as const;
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

/** A provider event about a PaymentIntent: the fields the receiver reads of Stripe's event object. */
export interface PaymentEvent {
  id: string;
  type: HandledEventType;
  paymentIntent: PaymentIntent;
}

/** A verified body that is not an event the shop can read: the sender's fault, refused with 400. */
export class UnreadableEventError extends Error {}

const EVENT_ID = /^evt_[A-Za-z0-9]{1,255}$/;
const PAYMENT_INTENT_ID = /^pi_[A-Za-z0-9]{1,255}$/;

/**
 * The payment event in a verified webhook body, or `undefined` for an event of a type the shop
 * does not handle (Stripe may send types added to the endpoint later: they are acknowledged).
 *
 * @throws UnreadableEventError when the body is not an event object, or a handled event lacks
 *   the PaymentIntent fields the receiver needs
 */
export function paymentEventOf(body: unknown): PaymentEvent | undefined {
  const event = body as { id?: unknown; object?: unknown; type?: unknown; data?: { object?: unknown } } | undefined;
  if (typeof event !== 'object' || event === null || event.object !== 'event' || typeof event.id !== 'string' || !EVENT_ID.test(event.id)) {
    throw new UnreadableEventError('the body is not a provider event object with an evt_ id');
  }
  if (!HANDLED_EVENT_TYPES.includes(event.type as HandledEventType)) return undefined;
  return { id: event.id, type: event.type as HandledEventType, paymentIntent: paymentIntentOf(event.data?.object) };
}

function paymentIntentOf(value: unknown): PaymentIntent {
  const intent = value as Partial<PaymentIntent> & { object?: unknown };
  const readable =
    typeof intent === 'object' &&
    intent !== null &&
    intent.object === 'payment_intent' &&
    typeof intent.id === 'string' &&
    PAYMENT_INTENT_ID.test(intent.id) &&
    Number.isSafeInteger(intent.amount) &&
    typeof intent.currency === 'string' &&
    typeof intent.status === 'string' &&
    typeof intent.metadata === 'object' &&
    intent.metadata !== null;
  if (!readable) throw new UnreadableEventError('data.object is not a PaymentIntent with id, amount, currency, status and metadata');
  return { id: intent.id!, amount: intent.amount!, currency: intent.currency!, status: intent.status!, metadata: intent.metadata! };
}
