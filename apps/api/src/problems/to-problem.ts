import { HttpException } from '@nestjs/common';
import { transientDatabaseFailureOf } from '@safe-checkout/db';
import { IdempotencyProblemException } from '@safe-checkout/idempotency-nest';
import { ProblemException } from './problem.exception';
import { ProblemSlug } from './problem-registry';
import { SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, TransientFailureException } from './transient-failure.exception';

const SLUG_BY_STATUS: Record<number, ProblemSlug> = {
  400: 'validation-failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  503: 'service-unavailable',
};

// body-parser marks its own failures with `type`; they happen before any handler runs.
const BODY_PARSER_SLUGS: Record<string, ProblemSlug> = {
  'entity.parse.failed': 'malformed-json',
  'entity.too.large': 'payload-too-large',
  'encoding.unsupported': 'unsupported-media-type',
  'charset.unsupported': 'unsupported-media-type',
};

/** Maps anything thrown while serving a request to a problem; `undefined` means an unexpected error (500). */
export function toProblem(error: unknown): ProblemException | undefined {
  if (error instanceof ProblemException) return error;
  if (error instanceof IdempotencyProblemException) return new ProblemException(error.slug, describeProblem(error), {}, error.headers);
  const bodyParserType = (error as { type?: unknown })?.type;
  if (typeof bodyParserType === 'string' && bodyParserType in BODY_PARSER_SLUGS) {
    return new ProblemException(BODY_PARSER_SLUGS[bodyParserType], (error as Error).message);
  }
  if (error instanceof HttpException) {
    // Nest re-throws body-parser's SyntaxError as a bare BadRequestException, dropping `type`;
    // its message is JSON.parse's, which is how malformed JSON is still told apart.
    if (error.getStatus() === 400 && /JSON/.test(describe(error))) return new ProblemException('malformed-json', describe(error));
    const slug = SLUG_BY_STATUS[error.getStatus()];
    // Every 503 tells the client when to come back, the health check's too.
    const headers: Record<string, string> = slug === 'service-unavailable' ? { 'Retry-After': String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) } : {};
    return slug ? new ProblemException(slug, describe(error), {}, headers) : undefined;
  }
  // Checked by codes first (Prisma, SQLSTATE, socket), messages only where the driver has none.
  const transient = transientDatabaseFailureOf(error);
  return transient ? new TransientFailureException(transient) : undefined;
}

function describeProblem(error: IdempotencyProblemException): string {
  return String((error.getResponse() as { detail?: unknown }).detail);
}

function describe(error: HttpException): string {
  const response = error.getResponse();
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
