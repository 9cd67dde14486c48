import { asParams, integerWithin, optionalString, rejectUnknownParams } from './request-params';

/** A page request: at most `limit` objects, newest first, after the one with id `startingAfter`. */
export interface PageParams {
  /** 1–100; default 10, as Stripe. */
  limit: number;
  startingAfter?: string;
}

/** Stripe's bounds for `limit` on list and search requests. */
export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 10;

/**
 * Reads the query of `GET /v1/payment_intents`: `limit` and `starting_after` (Stripe's other
 * list parameters, `ending_before`, `created` and `customer`, are not in this subset).
 *
 * @throws StripeApiError 400 for unknown parameters and invalid values
 */
export function parseListParams(query: unknown): PageParams {
  const params = asParams(query);
  rejectUnknownParams(params, ['limit', 'starting_after']);
  return { limit: parseLimit(optionalString(params, 'limit')), startingAfter: optionalString(params, 'starting_after') || undefined };
}

/** `limit` as Stripe reads it: absent means {@link DEFAULT_PAGE_LIMIT}. */
export function parseLimit(raw: string | undefined): number {
  return raw === undefined ? DEFAULT_PAGE_LIMIT : integerWithin(raw, 'limit', 1, MAX_PAGE_LIMIT);
}
