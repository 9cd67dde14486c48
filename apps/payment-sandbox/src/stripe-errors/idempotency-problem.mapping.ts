import type { IdempotencyProblemException } from '@safe-checkout/idempotency-nest';
import { StripeApiError } from './stripe-api.error';

/** How errors about the key name it in `param`: it is a header, not a form parameter. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The idempotency layer's problems as Stripe answers them: mismatched parameters are 400 (not the
 * shop's 422), a request still running is 409, both of type `idempotency_error`; a malformed key
 * is 400 `invalid_request_error`. `Retry-After` is
 * kept: Stripe sends none, but it costs a Stripe client nothing and helps ours.
 *
 * @param key - the raw `Idempotency-Key` header, quoted back in the message as Stripe does
 */
export function fromIdempotencyProblem(exception: IdempotencyProblemException, key: string | undefined): StripeApiError {
  const headers = exception.headers;
  switch (exception.slug) {
    case 'idempotency-key-reused':
      return idempotencyError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        headers,
      );
    case 'idempotency-request-in-progress':
      return idempotencyError(
        409,
        `There is currently another in-progress request using this idempotent key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        headers,
      );
    case 'idempotency-key-invalid':
    case 'idempotency-key-missing':
      // A malformed header is a malformed request (as an empty or over-long key is at Stripe),
      // not a clash between requests: invalid_request_error, naming the header.
      return new StripeApiError(
        400,
        { type: 'invalid_request_error', message: `Invalid Idempotency-Key: ${problemDetail(exception)}.`, param: IDEMPOTENCY_KEY_HEADER },
        headers,
      );
    case 'idempotency-store-unavailable':
      return new StripeApiError(
        503,
        { type: 'api_error', message: 'The sandbox cannot reach its idempotency key store, so the request was not run. Retry later with the same key.' },
        headers,
      );
  }
}

function idempotencyError(status: number, message: string, headers: Record<string, string>): StripeApiError {
  return new StripeApiError(status, { type: 'idempotency_error', message }, headers);
}

function problemDetail(exception: IdempotencyProblemException): string {
  const body = exception.getResponse() as { detail?: string };
  return body.detail ?? exception.message;
}
