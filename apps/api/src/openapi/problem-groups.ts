import type { ProblemSlug } from '../problems/problem-registry';

/**
 * What a route that reads a JSON body may answer before its handler runs (http-contract.md
 * "Request bodies"); `validation-failed` also covers the route's own rules.
 */
export const JSON_BODY_PROBLEMS = [
  'malformed-json',
  'malformed-body',
  'json-body-not-object',
  'json-too-deep',
  'json-number-out-of-range',
  'json-nul-character',
  'ill-formed-unicode',
  'validation-failed',
  'payload-too-large',
  'unsupported-media-type',
  'unsupported-content-encoding',
] as const satisfies readonly ProblemSlug[];

/** What the idempotency layer may answer on an `@Idempotent()` route instead of running the operation. */
export const IDEMPOTENCY_KEY_PROBLEMS = [
  'idempotency-key-missing',
  'idempotency-key-invalid',
  'idempotency-key-reused',
  'idempotency-request-in-progress',
  'idempotency-store-unavailable',
] as const satisfies readonly ProblemSlug[];

/** A route behind the bearer token, without a valid one. */
export const AUTHENTICATION_PROBLEMS = ['unauthorized'] as const satisfies readonly ProblemSlug[];

/** Any route that uses the database: an unexpected failure, or the database unusable for now. */
export const SERVER_PROBLEMS = ['internal-error', 'service-unavailable'] as const satisfies readonly ProblemSlug[];

/** A route under admission control (docs/capacity.md): login, new-write and per-user read limits, with `Retry-After`. */
export const ADMISSION_PROBLEMS = ['too-many-requests'] as const satisfies readonly ProblemSlug[];
