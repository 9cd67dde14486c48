import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { ProblemDetailsFilter } from '@safe-checkout/api/composition';

/**
 * The peer's route's exception filter. The peer answers with bare `HttpException`s (409 while a
 * key is in progress, 422 when a key is reused with another body, and its stored errors), which
 * the app's problem filter knows no slug for and would turn into 500s; these get their status and
 * Nest's default body, as in an app without our filter. Everything else is rendered as usual.
 */
@Catch()
export class PeerErrorsFilter extends ProblemDetailsFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    // Ours are ProblemExceptions and Nest's are subclasses: a bare HttpException is the peer's.
    if (!(error instanceof HttpException) || error.constructor !== HttpException) return super.catch(error, host);
    const response = host.switchToHttp().getResponse<Response>();
    if (!response.headersSent) response.status(error.getStatus()).json({ statusCode: error.getStatus(), message: error.message });
  }
}
