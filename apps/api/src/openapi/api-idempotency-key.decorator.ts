import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DEFAULT_MAX_PREFER_WAIT_SECONDS } from '@safe-checkout/idempotency-nest';

const KEY_RULES = [
  'Makes the request safe to retry: send a fresh UUIDv4 for each new operation and the same key with every retry of it.',
  'An RFC 8941 sf-string (`"8e03978e-40d5-43e8-bc93-6894a57f9324"`), or the same characters as a bare value (Stripe style);',
  '16–255 visible ASCII characters once unquoted, one header line, no parameters.',
  'Missing: 400 `idempotency-key-missing`; malformed, several lines, or a bare value with a comma: 400 `idempotency-key-invalid`.',
  'Scoped by user and kept 24 h (`IDEMPOTENCY_KEY_TTL_SECONDS`): the same key, body, method and route get the stored answer with',
  '`Idempotent-Replayed: true`; another body gets 422 `idempotency-key-reused`; while the first request still runs, 409',
  '`idempotency-request-in-progress` with `Retry-After`. Requests refused before the operation runs (400, 401, 413, 415) store nothing.',
].join(' ');

/**
 * Documents the request headers of an `@Idempotent()` route: `Idempotency-Key` with its rules and
 * `Prefer: wait` (http-contract.md "Idempotency-Key semantics"). Its problems go in the route's
 * `@ApiProblems(IDEMPOTENCY_KEY_PROBLEMS, …)`.
 */
export function ApiIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: KEY_RULES,
      schema: { type: 'string', minLength: 16, example: '"8e03978e-40d5-43e8-bc93-6894a57f9324"' },
    }),
    ApiHeader({
      name: 'Prefer',
      required: false,
      description:
        `RFC 7240. \`wait=N\`: a duplicate of a request that is still running waits up to min(N, ${DEFAULT_MAX_PREFER_WAIT_SECONDS}) seconds ` +
        'for its answer, then gets it replayed (`Idempotent-Replayed: true`) instead of 409; 409 as usual if time runs out.',
      schema: { type: 'string', example: 'wait=10' },
    }),
  );
}
