import { createRetryingClient } from '@safe-checkout/retrying-client';
import { toApiError } from './api-error';
import { CHECKOUT_RETRY_POLICY } from './checkout-retry-policy';
import { authorized, readHeader } from './http-headers';
import { orderAttemptHooks, type OrderAttemptObserver } from './order-attempt-hooks';
import { withTraceContext } from './trace-context';
import type { Order, OrderPage, OrderRequest, PlacedOrder, Product, ProfileFields, Session, VersionedProfile } from './types';
import { toCreateOrderDto, toProfile, toSession, toUpdateUserDto, type LoginResponseDto, type UserProfileDto } from './wire';

/** Reads and profile saves (idempotent, so retried without a key): their own limits per attempt and overall. */
const READ_LIMITS = {
  // axios's `timeout`, per attempt: long enough for a slow database, short enough that a hung request does not freeze a page.
  timeout: 8_000,
  // A page that has not loaded after 20 s should say so rather than keep spinning.
  deadlineMs: 20_000,
} as const;

/**
 * Every call the storefront makes to the API, on one retrying client per browser tab (one
 * instance of this class per tab, see `ApiProvider`), so that one retry budget bounds the extra
 * load of all of the tab's calls, a double-click's twin orders included. Methods return the app's
 * own types and throw `ApiError`.
 */
export class StorefrontApi {
  private readonly http: ReturnType<typeof createRetryingClient>;

  constructor(readonly baseUrl: string) {
    this.http = createRetryingClient({ axios: { baseURL: baseUrl }, ...CHECKOUT_RETRY_POLICY });
  }

  /**
   * `POST /orders` with the checkout's key, on the tab's client (one retry budget for all its
   * orders and reads); `observer` hears this request's attempts through hooks given with the
   * request, and every attempt carries the request's trace context.
   */
  placeOrder({ session, order, idempotencyKey, observer }: SendOrderRequest): Promise<PlacedOrder> {
    const hooks = withTraceContext(orderAttemptHooks(observer));
    return this.call(async () =>
      toOrderPlaced(await this.http.post<Order>('/orders', toCreateOrderDto(order), { ...authorized(session), idempotencyKey, hooks })),
    );
  }

  /**
   * `POST /orders` without an `Idempotency-Key`, for the How-this-works page only: the shop refuses
   * it (400 `idempotency-key-missing`), since it could not tell a retry of it from a new order.
   * The client does not retry it either.
   */
  postOrderWithoutKey(session: Session, order: OrderRequest): Promise<PlacedOrder> {
    return this.call(async () => toOrderPlaced(await this.http.post<Order>('/orders', toCreateOrderDto(order), { ...READ_LIMITS, ...authorized(session) })));
  }

  login(email: string, password: string): Promise<Session> {
    return this.call(async () => toSession((await this.http.post<LoginResponseDto>('/auth/login', { email, password }, READ_LIMITS)).data));
  }

  listProducts(): Promise<Product[]> {
    return this.call(async () => (await this.http.get<Product[]>('/products', READ_LIMITS)).data);
  }

  /**
   * One page of the caller's orders, newest first (the API's order): the first page, or the one
   * after the page whose `nextCursor` is given. The API's page size (20) is the storefront's.
   */
  listOrders(session: Session, cursor?: string): Promise<OrderPage> {
    const params = cursor === undefined ? {} : { cursor };
    return this.call(async () => (await this.http.get<OrderPage>('/orders', { ...READ_LIMITS, ...authorized(session), params })).data);
  }

  getOrder(session: Session, orderId: string): Promise<Order> {
    return this.call(async () => (await this.http.get<Order>(`/orders/${encodeURIComponent(orderId)}`, { ...READ_LIMITS, ...authorized(session) })).data);
  }

  getProfile(session: Session): Promise<VersionedProfile> {
    return this.call(async () => {
      const response = await this.http.get<UserProfileDto>(profilePath(session), { ...READ_LIMITS, ...authorized(session) });
      return { profile: toProfile(response.data), etag: readHeader(response.headers, 'ETag') ?? '' };
    });
  }

  /**
   * Replaces the profile with `fields`, only if it is still at version `etag` (`If-Match`);
   * otherwise the API answers 412 and this throws an `ApiError` with slug `precondition-failed`.
   */
  replaceProfile(session: Session, fields: ProfileFields, etag: string): Promise<VersionedProfile> {
    return this.call(async () => {
      const config = { ...READ_LIMITS, ...authorized(session, etag ? { 'If-Match': etag } : {}) };
      const response = await this.http.put<UserProfileDto>(profilePath(session), toUpdateUserDto(fields), config);
      return { profile: toProfile(response.data), etag: readHeader(response.headers, 'ETag') ?? '' };
    });
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
  /** The checkout's body: its items and payment method, the same for every request of the checkout. */
  order: OrderRequest;
  /** The checkout's key: the same for every request and attempt of one checkout. */
  idempotencyKey: string;
  /** Told about every attempt of this request, and nothing of any other. */
  observer: OrderAttemptObserver;
}

/** The app's view of a 201 to `POST /orders`: the order, and whether it was the stored answer replayed. */
function toOrderPlaced(response: { data: Order; headers: unknown }): PlacedOrder {
  return { order: response.data, replayed: readHeader(response.headers, 'Idempotent-Replayed') === 'true' };
}

function profilePath(session: Session): string {
  return `/users/${encodeURIComponent(session.user.id)}`;
}
