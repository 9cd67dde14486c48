import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { transientDatabaseFailureOf } from '@safe-checkout/db';
import { IdempotencyProblemException } from '@safe-checkout/idempotency-nest';
import type { Request } from 'express';
import { fromIdempotencyProblem } from './idempotency-problem.mapping';
import { invalidRequest, StripeApiError } from './stripe-api.error';
import { fromUnstorableCharacter } from './unstorable-character.mapping';

/**
 * Any error raised while answering `request`, as the Stripe error the sandbox sends, or
 * `undefined` for an unexpected one (a bug: the caller answers 500 and logs it).
 */
export function toStripeError(error: unknown, request: Request): StripeApiError | undefined {
  if (error instanceof StripeApiError) return error;
  if (error instanceof IdempotencyProblemException) return fromIdempotencyProblem(error, header(request, 'idempotency-key'));
  // The sandbox throws no NotFoundException of its own: this is Nest's answer to an unknown route.
  if (error instanceof NotFoundException) {
    return invalidRequest(
      `Unrecognized request URL (${request.method}: ${request.path}). This sandbox implements POST /v1/payment_intents, ` +
        'GET /v1/payment_intents, GET /v1/payment_intents/search and GET /v1/payment_intents/:id.',
      {},
      404,
    );
  }
  // The health check's 503, and a database outage while answering: "try again later", as the
  // house rule says, with Retry-After; Stripe's own type for its failures is api_error.
  if (error instanceof HttpException && error.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) return unavailable('The sandbox or its database is unavailable.');
  if (transientDatabaseFailureOf(error)) return unavailable('The sandbox cannot use its database right now.');
  const unstorable = fromUnstorableCharacter(error);
  if (unstorable) return unstorable;
  if (error instanceof HttpException) return fromClientError(error.getStatus(), error.message);
  // body-parser's errors (http-errors): too large, bad charset, too many parameters…
  if (isExposedClientError(error)) return fromClientError(error.status, error.message);
  return undefined;
}

/** Seconds a client should wait before retrying after a 503 of the sandbox. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

function unavailable(message: string): StripeApiError {
  return new StripeApiError(
    503,
    { type: 'api_error', message: `${message} Retry later with the same Idempotency-Key: it is charged at most once.` },
    { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  );
}

function fromClientError(status: number, message: string): StripeApiError | undefined {
  if (status < 400 || status >= 500) return undefined;
  return invalidRequest(`Invalid request: ${message}`, {}, status);
}

function isExposedClientError(error: unknown): error is { status: number; message: string } {
  const candidate = error as { status?: unknown; expose?: unknown; message?: unknown } | null;
  return typeof candidate?.status === 'number' && candidate.expose === true && typeof candidate.message === 'string';
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
