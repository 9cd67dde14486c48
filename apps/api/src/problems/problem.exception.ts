import { HttpException } from '@nestjs/common';
import { PROBLEM_OUTCOME_HEADER, ProblemOutcome } from './problem-catalog';
import { PROBLEM_REGISTRY, ProblemSlug, problemTypeUri } from './problem-registry';

/** The RFC 9457 body every error carries. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/**
 * An error with a stable problem `type`. Thrown anywhere in the API; the problem-details
 * filter renders it as `application/problem+json`. Its `headers` always carry `Problem-Outcome`.
 */
export class ProblemException extends HttpException {
  readonly outcome: ProblemOutcome;
  readonly headers: Record<string, string>;

  constructor(
    readonly slug: ProblemSlug,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const kind = PROBLEM_REGISTRY[slug];
    super({ ...extensions, type: problemTypeUri(slug), title: kind.title, status: kind.status, detail }, kind.status);
    this.outcome = kind.outcome;
    this.headers = { ...headers, [PROBLEM_OUTCOME_HEADER]: kind.outcome };
  }

  get problem(): ProblemDetails {
    return this.getResponse() as ProblemDetails;
  }
}
