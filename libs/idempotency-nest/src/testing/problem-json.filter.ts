import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { IdempotencyProblemException } from '../idempotency-problem.exception';

/** The problem+json media type the test application answers errors with. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * A minimal stand-in for the API's problem filter: an {@link IdempotencyProblemException} is sent
 * as its problem object with its headers, another HttpException as a bare problem, anything else as 500.
 */
@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, problem, headers } = toProblem(error);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

function toProblem(error: unknown): { status: number; problem: object; headers: Record<string, string> } {
  if (error instanceof IdempotencyProblemException) {
    return { status: error.getStatus(), problem: error.getResponse() as object, headers: error.headers };
  }
  const status = error instanceof HttpException ? error.getStatus() : 500;
  const title = error instanceof HttpException ? error.message : 'Internal Server Error';
  return { status, problem: { type: 'about:blank', title, status }, headers: {} };
}
