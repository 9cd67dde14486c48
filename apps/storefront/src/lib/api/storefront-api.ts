import { createRetryingClient } from '@safe-checkout/retrying-client';
import { toApiError } from './api-error';
import { CHECKOUT_RETRY_POLICY } from './checkout-retry-policy';
import { authorized, readHeader } from './http-headers';
import { orderAttemptHooks, type OrderAttemptObserver } from './order-attempt-hooks';
import { withTraceContext } from './trace-context';
import type { Order, OrderPage, OrderRequest, PlacedOrder, Product, ProfileFields, Session, VersionedProfile } from './types';
import { toProfile, toUpdateUserDto, type UserProfileDto } from './wire';

/** Reads and profile saves (idempotent, so retried without a key). */
const READ_LIMITS = {
  // Per attempt: long enough for a slow database, short enough that a hung request does not freeze a page.
  timeout: 8_000,
  // A page that has not loaded after 20 s should say so rather than keep spinning.
  deadlineMs: 20_000,
} as const;

/**
 * Every call the storefront makes to the API, on one retrying client per tab (`ApiProvider`), so
 * that one retry budget bounds the extra load of all the tab's calls, a double-click's twin orders
 * included. Throws `ApiError`.
 */
export class StorefrontApi {
  private readonly http: ReturnType<typeof createRetryingClient>;

  constructor(readonly baseUrl: string) {
    this.http = createRetryingClient({ axios: { baseURL: baseUrl }, ...CHECKOUT_RETRY_POLICY });
  }

  /** `POST /orders` with the checkout's key; `observer` hears this request's attempts, each carrying the request's trace context. */
  placeOrder({ session, order, idempotencyKey, observer }: SendOrderRequest): Promise<PlacedOrder> {
    const hooks = withTraceContext(orderAttemptHooks(observer));
    return this.call(async () => toOrderPlaced(await this.http.post<Order>('/orders', order, { ...authorized(session), idempotencyKey, hooks })));
  }

  /** `POST /orders` without a key, for the How-this-works page: the shop refuses it (400 `idempotency-key-missing`), and the client does not retry it. */
  postOrderWithoutKey(session: Session, order: OrderRequest): Promise<PlacedOrder> {
    return this.call(async () => toOrderPlaced(await this.http.post<Order>('/orders', order, { ...READ_LIMITS, ...authorized(session) })));
  }

  login(email: string, password: string): Promise<Session> {
    return this.call(async () => (await this.http.post<Session>('/auth/login', { email, password }, READ_LIMITS)).data);
  }

  listProducts(): Promise<Product[]> {
    return this.call(async () => (await this.http.get<Product[]>('/products', READ_LIMITS)).data);
  }

  /** One page of the caller's orders, newest first: the first, or the one after the page whose `nextCursor` is given. */
  listOrders(session: Session, cursor?: string): Promise<OrderPage> {
    const params = cursor === undefined ? {} : { cursor };
    return this.call(async () => (await this.http.get<OrderPage>('/orders', { ...READ_LIMITS, ...authorized(session), params })).data);
  }

  getOrder(session: Session, orderId: string): Promise<Order> {
    return this.call(async () => (await this.http.get<Order>(`/orders/${encodeURIComponent(orderId)}`, { ...READ_LIMITS, ...authorized(session) })).data);
  }

  getProfile(session: Session): Promise<VersionedProfile> {
    return this.call(async () => toVersioned(await this.http.get<UserProfileDto>(profilePath(session), { ...READ_LIMITS, ...authorized(session) })));
  }

  /** Replaces the profile only if it is still at version `etag` (`If-Match`); otherwise throws the 412 `precondition-failed`. */
  replaceProfile(session: Session, fields: ProfileFields, etag: string): Promise<VersionedProfile> {
    const config = { ...READ_LIMITS, ...authorized(session, etag ? { 'If-Match': etag } : {}) };
    return this.call(async () => toVersioned(await this.http.put<UserProfileDto>(profilePath(session), toUpdateUserDto(fields), config)));
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toApiError(error, this.baseUrl);
    }
  }
}

export interface SendOrderRequest {
  session: Session;
  /** The checkout's body, the same for every request of the checkout. */
  order: OrderRequest;
  idempotencyKey: string;
  /** Told about every attempt of this request, and nothing of any other. */
  observer: OrderAttemptObserver;
}

function toOrderPlaced(response: { data: Order; headers: unknown }): PlacedOrder {
  return { order: response.data, replayed: readHeader(response.headers, 'Idempotent-Replayed') === 'true' };
}

function toVersioned(response: { data: UserProfileDto; headers: unknown }): VersionedProfile {
  return { profile: toProfile(response.data), etag: readHeader(response.headers, 'ETag') ?? '' };
}

function profilePath(session: Session): string {
  return `/users/${encodeURIComponent(session.user.id)}`;
}
