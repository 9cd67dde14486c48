import { invalidRequest } from '../../stripe-errors/stripe-api.error';

// PostgreSQL's text and jsonb cannot hold U+0000 (SQLSTATE 22P05), and jsonb refuses a lone
// UTF-16 surrogate, which no UTF-8 string can carry either. Decided here, at the edge,
// so that such a request is the client's 400, never the database's 500.
const UNSTORABLE_CHARACTER = /\u0000|[\uD800-\uDFFF]/u;

/** Whether PostgreSQL text can hold `value` as it is: no U+0000, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_CHARACTER.test(value);
}

/**
 * `value`, when PostgreSQL text can hold it; otherwise 400 `invalid_request_error` naming `param`.
 *
 * @param param - the parameter as Stripe names it: `amount`, `metadata[order_id]`, `intent` for a path id
 * @throws StripeApiError 400 for U+0000 or a lone surrogate anywhere in `value`
 */
export function requireStorableText(value: string, param: string): string {
  if (isStorableText(value)) return value;
  throw invalidRequest(`Invalid string: ${param} contains a character that cannot be stored (U+0000 or a lone UTF-16 surrogate).`, { param });
}

/**
 * Checks every name and string value of parsed parameters (a form body or a query, nested or
 * repeated), naming the first unstorable one as Stripe names nested parameters: `metadata[order_id]`,
 * `expand[0]`. A name that is itself unstorable is reported escaped (`a\u0000`), or as its parent.
 *
 * @throws StripeApiError 400 `invalid_request_error` with that `param`
 */
export function requireStorableParams(params: unknown, prefix = ''): void {
  if (typeof params === 'string') {
    requireStorableText(params, prefix);
    return;
  }
  if (typeof params !== 'object' || params === null) return;
  for (const [name, value] of Object.entries(params)) {
    const printableName = isStorableText(name) ? name : JSON.stringify(name).slice(1, -1);
    const param = prefix ? `${prefix}[${printableName}]` : printableName;
    if (!isStorableText(name))
      throw invalidRequest(`Invalid parameter name: ${param} contains a character that cannot be stored (U+0000 or a lone UTF-16 surrogate).`, {
        param: prefix || param,
      });
    requireStorableParams(value, param);
  }
}
