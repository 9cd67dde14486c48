import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { parseLimit } from './list.params';
import { asParams, optionalString, rejectUnknownParams, requiredString } from './request-params';

/** A search by `metadata['order_id']`, one page of it. */
export interface SearchParams {
  orderId: string;
  limit: number;
  /** The `next_page` of the previous page. */
  page?: string;
}

// Stripe's search language in the one form this subset supports: metadata['order_id']:'<value>',
// either quote, a quote or backslash inside the value escaped with a backslash.
const ORDER_ID_QUERY = /^metadata\[(['"])order_id\1\]:(['"])((?:\\.|(?!\2)[^\\])*)\2$/;

/**
 * Reads the query of `GET /v1/payment_intents/search`: `query`, `limit`, `page`.
 *
 * @throws StripeApiError 400 for unknown parameters, a missing or unsupported `query`, a bad `limit`
 */
export function parseSearchParams(query: unknown): SearchParams {
  const params = asParams(query);
  rejectUnknownParams(params, ['query', 'limit', 'page']);
  return {
    orderId: parseOrderIdQuery(requiredString(params, 'query')),
    limit: parseLimit(optionalString(params, 'limit')),
    page: optionalString(params, 'page') || undefined,
  };
}

/**
 * The order id that a search query asks for.
 *
 * @example
 * parseOrderIdQuery("metadata['order_id']:'6735'"); // → '6735'
 */
export function parseOrderIdQuery(query: string): string {
  const match = ORDER_ID_QUERY.exec(query.trim());
  if (!match) {
    throw invalidRequest(
      `Unsupported search query: ${query}. This sandbox supports exactly one form of Stripe's search language: metadata['order_id']:'<order id>'.`,
      { param: 'query' },
    );
  }
  return match[3].replace(/\\(.)/g, '$1');
}
