import { ArgumentsHost, Catch, ExceptionFilter, Logger, Optional } from '@nestjs/common';
import type { Response } from 'express';
import { TransientFailureMetrics } from '../metrics/transient-failure-metrics';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';
import { TransientFailureException } from './transient-failure.exception';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Renders every error as RFC 9457 problem+json; unexpected errors become a logged 500, transient
 * database failures a counted 503.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(@Optional() private readonly transientFailures?: TransientFailureMetrics) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(error) ?? this.unexpected(error);
    // Counted here, where the answer is sent, not in toProblem: that also renders stored answers.
    if (problem instanceof TransientFailureException) this.transientFailures?.count(problem.reason);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response.status(problem.getStatus()).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.problem));
  }

  private unexpected(error: unknown): ProblemException {
    this.logger.error({ err: error }, 'unexpected error');
    // Not "nothing was committed": in a multi-phase operation an earlier phase may have committed
    // (an order awaiting payment); what holds is that a retry with the same key never repeats it.
    return new ProblemException(
      'internal-error',
      'An unexpected error occurred. Retrying with the same Idempotency-Key is safe: it completes the operation without repeating any part that already happened.',
    );
  }
}
