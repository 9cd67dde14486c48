import { HttpException } from '@nestjs/common';
import { IDEMPOTENCY_PROBLEMS, IdempotencyProblemSlug } from '@safe-checkout/idempotency';

/**
 * An idempotency failure as an RFC 9457 problem: the response body is the complete problem
 * object (`type` = `/problems/<slug>`), and `headers` (e.g. `Retry-After`) go with it.
 */
export class IdempotencyProblemException extends HttpException {
  constructor(
    readonly slug: IdempotencyProblemSlug,
    detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    const { status, title } = IDEMPOTENCY_PROBLEMS[slug];
    super({ type: `/problems/${slug}`, title, status, detail }, status);
  }
}
