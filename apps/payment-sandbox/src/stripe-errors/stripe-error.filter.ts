import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StripeApiError } from './stripe-api.error';
import { toStripeError } from './to-stripe-error';

/**
 * Renders every error as Stripe does, `{ "error": { type, code?, message, param? } }` as
 * `application/json`, never problem+json: a Stripe client must understand every answer. Unexpected
 * errors become a logged 500 `api_error`.
 */
@Catch()
export class StripeErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(StripeErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const stripeError = toStripeError(error, http.getRequest<Request>()) ?? this.unexpected(error);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(stripeError.headers)) response.setHeader(name, value);
    response.status(stripeError.status).json(stripeError.body);
  }

  private unexpected(error: unknown): StripeApiError {
    this.logger.error({ err: error }, 'unexpected error');
    return new StripeApiError(500, { type: 'api_error', message: 'An unexpected error occurred in the sandbox.' });
  }
}
