import type { IncomingMessage } from 'node:http';
import type { JwtService } from '@nestjs/jwt';
import type { RateLimit } from '../config/api-config';
import type { EarlyRefusalCheck } from '../http/early-refusals';
import { bearerToken } from '../security/bearer-token';
import { ProcessWindowCounters } from './process-window-counters';
import { tooManyRequests } from './too-many-requests';

/**
 * Authenticated reads (GET, HEAD with a bearer token) past their user's limit in this process,
 * refused 429 before routing: a loop of `GET /orders` pages is then refused for the price of a
 * refused login instead of costing a page's statements each time (docs/capacity.md).
 *
 * Counted per process, in memory: the limit protects the CPU of the process that answers, and a
 * statement per read to share the count would cost about what the read does. The user is the
 * `sub` of an unexpired token signed with our key, so no one can spend another user's reads; the
 * guard's other rules (lifetime, the user's row) come later, for the reads admitted. A token that
 * does not verify is not counted and is left to the guard, which answers 401.
 */
export function userReadLimit(jwt: JwtService, { limit, windowSeconds }: RateLimit): EarlyRefusalCheck {
  const counters = new ProcessWindowCounters();
  return {
    reason: 'user-read-limit',
    refusalOf: (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
      const user = signedSubjectOf(jwt, request);
      if (user === undefined) return undefined;
      const { hits, resetInMs } = counters.hit(`read:user:${user}`, windowSeconds * 1000);
      if (hits <= limit) return undefined;
      return tooManyRequests(`Too many reads for this account: at most ${limit} per ${windowSeconds} s.`, resetInMs / 1000);
    },
  };
}

function signedSubjectOf(jwt: JwtService, request: IncomingMessage): string | undefined {
  const token = bearerToken(request.headers.authorization);
  if (!token) return undefined;
  try {
    const subject = jwt.verify<{ sub?: unknown }>(token).sub;
    return typeof subject === 'string' ? subject : undefined;
  } catch {
    return undefined;
  }
}
