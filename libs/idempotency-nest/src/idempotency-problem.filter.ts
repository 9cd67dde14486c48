import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { IdempotencyProblemException } from './idempotency-problem.exception';

/**
 * Sends an {@link IdempotencyProblemException} as RFC 9457 `application/problem+json`, with its
 * headers (`Retry-After` on 409 and 503): Nest's default filter would send `application/json` and
 * drop them. For applications without a problem filter of their own:
 * `app.useGlobalFilters(new IdempotencyProblemFilter())`.
 */
@Catch(IdempotencyProblemException)
export class IdempotencyProblemFilter implements ExceptionFilter<IdempotencyProblemException> {
  catch(problem: IdempotencyProblemException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response.status(problem.getStatus()).type('application/problem+json').send(JSON.stringify(problem.getResponse()));
  }
}
