import {
  RETRY_AFTER_JITTER_RATIO,
  createRetryingClient,
  exponentialCap,
  parseRetryAfterMs,
  type AttemptFailure,
  type RetryingClientOptions,
} from '@safe-checkout/retrying-client';
import { toApiError } from './api-error';
import { readHeader } from './http-headers';
import { authorized } from './storefront-api';
import type { AttemptAnswer, OrderAttemptObserver, OrderRequest, PlacedOrder, Session, WaitReason } from './types';
import { toCreateOrderDto, toOrder, type OrderDto } from './wire';

/**
 * How checkout retries: the spec's defaults (3 retries, 1 s base, full jitter), with the longest
 * wait capped at 8 s so that a demo never sits still for 20 s, and a 30 s deadline after which
 * the customer is told the outcome is unknown and offered "check again".
 */
export const CHECKOUT_RETRY_POLICY = {
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  jitter: 'full',
  attemptTimeoutMs: 10_000,
  deadlineMs: 30_000,
} as const satisfies RetryingClientOptions;

export interface SendOrderRequest {
  apiBaseUrl: string;
  session: Session;
  /** The checkout's body: its items and payment method, the same for every request of the checkout. */
  order: OrderRequest;
  /** The checkout's key: the same for every request and attempt of one checkout. */
  idempotencyKey: string;
  observer: OrderAttemptObserver;
}

/**
 * `POST /orders` through the retrying client, reporting every attempt to `observer`. Each call
 * gets a client of its own so that the client's hooks describe exactly this request, even when
 * a double-click sends several at once with the same key. Throws `ApiError`.
 *
 * The price of that: the retry budget (one per client instance) covers one checkout, not the
 * tab, so what bounds a checkout's extra load is `retries: 3` and the deadline. A tab-wide
 * budget would need hooks per request in the retrying client, and would make the chaos panel's
 * checkouts stop retrying after about five failed attempts in the tab: the budget's purpose,
 * but not what this demo sets out to show.
 */
export async function sendOrder({ apiBaseUrl, session, order, idempotencyKey, observer }: SendOrderRequest): Promise<PlacedOrder> {
  const answers = new Map<number, AttemptAnswer>();
  let current = 0;
  const end = (attempt: number, answer: AttemptAnswer) => {
    if (answers.has(attempt)) return;
    answers.set(attempt, answer);
    observer.attemptEnded(attempt, answer);
  };
  const client = createRetryingClient({
    axios: { baseURL: apiBaseUrl },
    ...CHECKOUT_RETRY_POLICY,
    onAttempt: ({ attempt }) => {
      current = attempt;
      observer.attemptSent(attempt);
    },
    onRetry: ({ attempt, delayMs, reason }) => {
      const failed = attempt - 1;
      end(failed, { outcome: reason === 'timeout' ? 'timed-out' : 'dropped' });
      observer.retryScheduled(failed, explainWait(failed, delayMs, answers.get(failed)?.retryAfterMs));
    },
    onGiveUp: (error) => {
      const last: AttemptFailure | undefined = error.failures.at(-1);
      if (last && last.status === undefined) end(last.attempt, { outcome: last.kind === 'timeout' ? 'timed-out' : 'dropped' });
    },
  });
  // axios runs transformResponse on every response it receives, each retry's included (error
  // statuses too): the one place where the status and headers of every single attempt are seen.
  const observe = (data: unknown, headers: unknown, status?: number): unknown => {
    if (status !== undefined) end(current, classifyAnswer(status, headers, data));
    return data;
  };
  try {
    const response = await client.post<OrderDto>(
      '/orders',
      toCreateOrderDto(order),
      { ...authorized(session), idempotencyKey, transformResponse: [...asArray(client.defaults.transformResponse), observe] },
    );
    return { order: toOrder(response.data), replayed: readHeader(response.headers, 'Idempotent-Replayed') === 'true' };
  } catch (error) {
    throw toApiError(error, apiBaseUrl);
  }
}

function classifyAnswer(status: number, headers: unknown, data: unknown): AttemptAnswer {
  const replayed = readHeader(headers, 'Idempotent-Replayed') === 'true';
  const retryAfterMs = parseRetryAfterMs(readHeader(headers, 'Retry-After'), Date.now());
  const slug = problemSlug(data);
  const base = { status, replayed, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(slug === undefined ? {} : { slug }) };
  if (status >= 200 && status < 300) return { ...base, outcome: replayed ? 'replayed' : 'created' };
  if (status >= 500) return { ...base, outcome: 'server-error' };
  if (status === 409 && slug === 'idempotency-request-in-progress') return { ...base, outcome: 'in-progress' };
  return { ...base, outcome: 'rejected' };
}

/**
 * The retrying client waits max(backoff, Retry-After + up to 20 %). A wait inside the
 * Retry-After band was set by the hint; anything else by the backoff.
 */
function explainWait(retry: number, delayMs: number, retryAfterMs: number | undefined): WaitReason {
  if (retryAfterMs !== undefined) {
    const hintMs = Math.min(retryAfterMs, CHECKOUT_RETRY_POLICY.maxDelayMs);
    if (delayMs >= hintMs && delayMs <= hintMs * (1 + RETRY_AFTER_JITTER_RATIO) + 1) return { basis: 'retry-after', delayMs, askedMs: retryAfterMs, hintMs };
  }
  return { basis: 'backoff', delayMs, retry, capMs: exponentialCap(retry, CHECKOUT_RETRY_POLICY) };
}

function problemSlug(data: unknown): string | undefined {
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type.split('/').pop() : undefined;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
