import { ProblemException } from '../problems/problem.exception';

/** 429 `too-many-requests` with `Retry-After` in whole seconds, as the retrying client reads it. */
export function tooManyRequests(detail: string, retryAfterSeconds: number): ProblemException {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ProblemException('too-many-requests', detail, {}, { 'Retry-After': String(seconds) });
}
