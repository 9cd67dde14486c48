import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Request ids come from the caller when it sends a sane one, so logs of a client, the chaos proxy
// and the API line up; otherwise we mint one.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request's id (the caller's `X-Request-Id` when sane, a new UUID otherwise), also sent back as `X-Request-Id`. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** The fields every line of a request carries from its arrival: for keyed requests, which attempt of the client it is (retry amplification shows up as attempt > 1). */
export function requestBindingsOf(request: IncomingMessage): { idempotencyAttempt?: string } {
  const attempt = request.headers['idempotency-attempt'];
  return attempt ? { idempotencyAttempt: String(attempt) } : {};
}
