import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Renders every error as RFC 9457 problem+json; unexpected errors become a logged 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(error) ?? this.unexpected(error);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response.status(problem.getStatus()).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.problem));
  }

  private unexpected(error: unknown): ProblemException {
    this.logger.error({ err: error }, 'unexpected error');
    return new ProblemException('internal-error', 'An unexpected error occurred; nothing was committed.');
  }
}
