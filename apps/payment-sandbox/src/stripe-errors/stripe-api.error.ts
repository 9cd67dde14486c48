/** Stripe's error types (https://docs.stripe.com/api/errors), those the sandbox answers with. */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/** The `error` member of a Stripe error response; declines also carry the PaymentIntent. */
export interface StripeErrorObject {
  type: StripeErrorType;
  /** Stable, machine-readable (https://docs.stripe.com/error-codes), e.g. `card_declined`. */
  code?: string;
  /** For card errors: the issuer's reason, e.g. `insufficient_funds`. */
  decline_code?: string;
  /** For people: may change, never parse it. */
  message: string;
  /** The parameter the error is about, e.g. `payment_method`. */
  param?: string;
  doc_url?: string;
  payment_intent?: object;
  payment_method?: object;
}

/** An error the sandbox answers as Stripe does: `{ "error": { … } }` with this HTTP status. */
export class StripeApiError extends Error {
  override readonly name = 'StripeApiError';

  constructor(
    readonly status: number,
    readonly error: StripeErrorObject,
    /** Response headers that go with it, e.g. `Retry-After`, `WWW-Authenticate`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
  }

  /** The response body, exactly as Stripe shapes it. */
  get body(): { error: StripeErrorObject } {
    return { error: this.error };
  }
}

/** Stripe's documentation page for an error code (`card_declined` → …/card-declined). */
export function docUrlOf(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

/**
 * A 400 `invalid_request_error`, the answer to a request the sandbox will not run.
 *
 * @example
 * throw invalidRequest('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
 */
export function invalidRequest(message: string, details: { code?: string; param?: string } = {}, status = 400): StripeApiError {
  const { code, param } = details;
  return new StripeApiError(status, {
    type: 'invalid_request_error',
    ...(code ? { code, doc_url: docUrlOf(code) } : {}),
    message,
    ...(param ? { param } : {}),
  });
}
