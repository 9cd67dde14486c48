import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Registry } from 'prom-client';
import { ProblemException } from '../problems/problem.exception';
import { renderProblem } from '../problems/render-problem';
import { assertAnnouncedLengthWithin } from './announced-length';

/** Names the refusal it finds for a request from its line and headers alone, or finds none. */
export interface EarlyRefusalCheck {
  /** The `reason` label of `http_early_refusals_total`. */
  reason: string;
  refusalOf(request: IncomingMessage, response: ServerResponse): ProblemException | undefined;
}

/**
 * Middleware, mounted before routing (createApiApp): answers a request that is refused whatever its
 * body says, from what its request line and headers already tell, so that a flood of such requests
 * costs the process as little as a request can (docs/capacity.md "Cheap rejection"). Everything
 * after it (request ids, the log line, the body parser, Nest's guards, pipes and filter) is skipped:
 * a log line per refusal would cost more than the refusal, and a flood would drown the log. They are
 * counted instead (`http_early_refusals_total`, in the application's `registry`). The checks only answer early what the routes would
 * refuse anyway, so a request that slips past them (another spelling of the path) is refused later.
 */
export function refuseEarly(checks: EarlyRefusalCheck[], registry: Registry) {
  const earlyRefusals = new Counter({
    name: 'http_early_refusals_total',
    help: 'Requests refused from their request line and headers before routing, body parsing and logging, by reason and status',
    labelNames: ['reason', 'status'],
    registers: [registry],
  });
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    for (const check of checks) {
      const refusal = check.refusalOf(request, response);
      if (!refusal) continue;
      earlyRefusals.inc({ reason: check.reason, status: String(refusal.getStatus()) });
      sendProblem(response, refusal);
      return;
    }
    next();
  };
}

/** A `Content-Length` over `limitBytes`: 413, and the connection is closed (announced-length.ts). */
export function announcedLengthOver(limitBytes: number): EarlyRefusalCheck {
  return {
    reason: 'announced-length',
    refusalOf: (request, response) => {
      try {
        assertAnnouncedLengthWithin(request, response, limitBytes);
        return undefined;
      } catch (error) {
        if (error instanceof ProblemException) return error;
        throw error;
      }
    },
  };
}

/** The path of a request target without its query and trailing slash, lower-cased as Express routes it. */
export function routePathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const path = (query < 0 ? url : url.slice(0, query)).toLowerCase();
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function sendProblem(response: ServerResponse, problem: ProblemException): void {
  const { status, headers, body } = renderProblem(problem);
  response.statusCode = status;
  for (const [name, value] of Object.entries({ ...problem.headers, ...headers })) response.setHeader(name, value);
  response.end(body);
}
