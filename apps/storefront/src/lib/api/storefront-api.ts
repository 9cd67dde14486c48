import { createRetryingClient } from '@safe-checkout/retrying-client';
import { toApiError } from './api-error';
import { readHeader } from './http-headers';
import type { Order, Product, ProfileFields, Session, VersionedProfile } from './types';
import { toOrder, toProduct, toProfile, toSession, toUpdateUserDto, type LoginResponseDto, type OrderDto, type ProductDto, type UserProfileDto } from './wire';

/** Reads and profile saves: idempotent, so the client may retry them on its own. */
const READ_RETRY_OPTIONS = {
  // Long enough for a slow database, short enough that a hung request does not freeze a page.
  attemptTimeoutMs: 8_000,
  // A page that has not loaded after 20 s should say so rather than keep spinning.
  deadlineMs: 20_000,
} as const;

type HttpClient = ReturnType<typeof createRetryingClient>;

/**
 * Every call the storefront makes to the API except placing an order (see `sendOrder`). One
 * instance per browser tab, so that its retry budget covers all of the tab's calls. Methods
 * return the app's own types and throw `ApiError`.
 */
export class StorefrontApi {
  private readonly http: HttpClient;

  constructor(readonly baseUrl: string) {
    this.http = createRetryingClient({ axios: { baseURL: baseUrl }, ...READ_RETRY_OPTIONS });
  }

  login(email: string, password: string): Promise<Session> {
    return this.call(async () => toSession((await this.http.post<LoginResponseDto>('/auth/login', { email, password })).data));
  }

  listProducts(): Promise<Product[]> {
    return this.call(async () => (await this.http.get<ProductDto[]>('/products')).data.map(toProduct));
  }

  /** The caller's orders, newest first (the API's order). */
  listOrders(session: Session): Promise<Order[]> {
    return this.call(async () => (await this.http.get<OrderDto[]>('/orders', authorized(session))).data.map(toOrder));
  }

  getOrder(session: Session, orderId: string): Promise<Order> {
    return this.call(async () => toOrder((await this.http.get<OrderDto>(`/orders/${encodeURIComponent(orderId)}`, authorized(session))).data));
  }

  getProfile(session: Session): Promise<VersionedProfile> {
    return this.call(async () => {
      const response = await this.http.get<UserProfileDto>(profilePath(session), authorized(session));
      return { profile: toProfile(response.data), etag: readHeader(response.headers, 'ETag') ?? '' };
    });
  }

  /**
   * Replaces the profile with `fields`, only if it is still at version `etag` (`If-Match`);
   * otherwise the API answers 412 and this throws an `ApiError` with slug `precondition-failed`.
   */
  replaceProfile(session: Session, fields: ProfileFields, etag: string): Promise<VersionedProfile> {
    return this.call(async () => {
      const config = authorized(session, etag ? { 'If-Match': etag } : {});
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

/** Request options carrying the session's bearer token (and any extra headers). */
export function authorized(session: Session, headers: Record<string, string> = {}) {
  return { headers: { Authorization: `Bearer ${session.accessToken}`, ...headers } };
}

function profilePath(session: Session): string {
  return `/users/${encodeURIComponent(session.user.id)}`;
}
