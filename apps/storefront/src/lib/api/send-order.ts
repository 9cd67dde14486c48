import type { createRetryingClient } from '@safe-checkout/retrying-client';
import { authorized, readHeader } from './http-headers';
import { orderAttemptHooks } from './order-attempt-hooks';
import { withTraceContext } from './trace-context';
import type { Order, OrderAttemptObserver, OrderRequest, PlacedOrder, Session } from './types';
import { toCreateOrderDto } from './wire';

/** The tab's retrying client (see `StorefrontApi`). */
export type TabClient = ReturnType<typeof createRetryingClient>;

export interface SendOrderRequest {
  session: Session;
  /** The checkout's body: its items and payment method, the same for every request of the checkout. */
  order: OrderRequest;
  /** The checkout's key: the same for every request and attempt of one checkout. */
  idempotencyKey: string;
  /** Told about every attempt of this request, and nothing of any other. */
  observer: OrderAttemptObserver;
}

/**
 * `POST /orders` on the tab's client, so that every order and read of the tab shares one retry
 * budget; the observer hears this request's attempts through hooks given with the request, and
 * every attempt carries the request's trace context.
 * Throws what the client throws (`StorefrontApi.placeOrder` turns it into an `ApiError`).
 */
export async function sendOrder(http: TabClient, { session, order, idempotencyKey, observer }: SendOrderRequest): Promise<PlacedOrder> {
  return toOrderPlaced(
    await http.post<Order>('/orders', toCreateOrderDto(order), {
      ...authorized(session),
      idempotencyKey,
      hooks: withTraceContext(orderAttemptHooks(observer)),
    }),
  );
}

/** The app's view of a 201 to `POST /orders`: the order, and whether it was the stored answer replayed. */
export function toOrderPlaced(response: { data: Order; headers: unknown }): PlacedOrder {
  return { order: response.data, replayed: readHeader(response.headers, 'Idempotent-Replayed') === 'true' };
}
