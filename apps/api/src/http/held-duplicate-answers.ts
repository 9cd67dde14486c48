import { JwtService } from '@nestjs/jwt';
import { HeldDuplicates } from '@safe-checkout/idempotency-nest';
import type { NextFunction, Request, Response } from 'express';
import { requestCompletionLog } from '../logging/request-completion-log';
import { HttpRequestDurations } from '../metrics/http-request-durations';
import { bearerToken } from '../security/bearer-token';
import { tokenLifetimeProblem } from '../security/token-lifetime';
import { plainJsonBodyLength, readBodyEarly } from './early-body';
import { parseJsonBody } from './parse-json-body';

/** What the middleware needs from the application. */
export interface HeldDuplicateAnswersDeps {
  jwt: JwtService;
  held: HeldDuplicates;
  durations: HttpRequestDurations;
  jwtMaxLifetimeSeconds: number;
  bodyLimitBytes: number;
}

/**
 * Middleware, mounted by createApiApp after the security and CORS headers and the early refusals,
 * before every module's middleware and route: a `Prefer: wait` duplicate of a key held by a request
 * of this process is answered here ({@link HeldDuplicates}), so that a storm of copies of a few keys
 * costs each copy its HTTP parsing, its body, one HMAC and a map lookup, and none of the request
 * context, pino-http's request loggers, the router's module middleware, the user's lookup, a claim
 * statement or Nest's pipeline (docs/capacity.md, "Duplicates wait on the request this process is
 * answering").
 *
 * A copy answered here is still logged and counted as any request: it gets a request id
 * (`X-Request-Id`), the completion line pino-http writes with its outcome, and its place in the
 * HTTP histogram under the route its answer came from. Everything else goes on untouched, with its
 * body (if read here) handed to the body parser: a request that is not a waiting duplicate with a
 * plain JSON body pays a header check; one that is but goes on (the first copy of its key here, or
 * one this cannot answer) pays one HMAC and a second parse of its body. The caller is the
 * `sub` of a token the guard would accept (our signature, expiry and lifetime checked here); a token
 * naming no user gets no answer here, since only a key held for that user is answered.
 */
export function answerHeldDuplicates(deps: HeldDuplicateAnswersDeps) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'POST' || request.headers.prefer === undefined || request.headers['idempotency-key'] === undefined) return next();
    const arrivedAtMs = performance.now();
    const length = plainJsonBodyLength(request, deps.bodyLimitBytes);
    const user = length === undefined ? undefined : signedUserOf(deps.jwt, request, deps.jwtMaxLifetimeSeconds);
    if (length === undefined || user === undefined) return next();
    answerIfHeld(deps, { request, response, user, length, arrivedAtMs }).then(
      (answered) => answered || next(),
      // A failure of this shortcut is not the request's: the pipeline decides it on its own.
      () => (response.headersSent ? undefined : next()),
    );
  };
}

/** A waiting duplicate's request as the middleware found it: its caller, its body's length and when it arrived (`performance.now()`). */
interface Candidate {
  request: Request;
  response: Response;
  user: string;
  length: number;
  arrivedAtMs: number;
}

// True once the copy is answered; false when it goes on (then, if it is the first copy of its key
// here, HeldDuplicates has recorded it as the request the next copies wait on).
async function answerIfHeld(deps: HeldDuplicateAnswersDeps, { request, response, user, length, arrivedAtMs }: Candidate): Promise<boolean> {
  const bytes = await readBodyEarly(request, length);
  if (!bytes) return false;
  try {
    request.body = parseJsonBody(bytes);
  } catch {
    // The body parser parses the bytes again and answers the problem.
    return false;
  }
  const logCompletion = requestCompletionLog(request, response, arrivedAtMs);
  if (!(await deps.held.answered(request, response, user))) return false;
  deps.durations.observe(request, response.statusCode, (performance.now() - arrivedAtMs) / 1000);
  logCompletion(response.locals.idempotencyOutcome);
  return true;
}

// As JwtAuthGuard names its caller: tokens name their user by the id PostgreSQL printed.
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The user a bearer token the guard would accept names (signature, expiry, lifetime), or undefined. */
function signedUserOf(jwt: JwtService, request: Request, maxLifetimeSeconds: number): string | undefined {
  const token = bearerToken(request.headers.authorization);
  if (!token) return undefined;
  try {
    const claims = jwt.verify<{ sub?: unknown; iat?: unknown; exp?: unknown }>(token);
    if (tokenLifetimeProblem(claims, maxLifetimeSeconds)) return undefined;
    return typeof claims.sub === 'string' && CANONICAL_UUID.test(claims.sub) ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
