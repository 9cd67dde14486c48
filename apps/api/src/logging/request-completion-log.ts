import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { requestBindingsOf, requestIdOf } from './request-id';

/**
 * The completion line of a request answered before pino-http's middleware (held-duplicate-answers.ts,
 * which answers only replays of stored answers, never a 5xx), with the fields pino-http writes for
 * a successful request: `req` (id, method, url, through the same serializer and redaction), the
 * client's attempt, `res.statusCode`, `responseTime` (ms), `idempotencyOutcome`, "request
 * completed". Assigns the request id now (sent as `X-Request-Id`): call it before the answer is
 * written; the returned function logs once it is. Costs a level check when the level is above info.
 *
 * @param arrivedAtMs `performance.now()` when the request arrived
 */
export function requestCompletionLog(request: Request, response: Response, arrivedAtMs: number): (outcome: string) => void {
  // pino-http keeps an id it finds: a request that goes on after all is logged under this one.
  (request as { id?: string }).id = requestIdOf(request, response);
  return (outcome) => {
    const logger = PinoLogger.root;
    if (!logger?.isLevelEnabled('info')) return;
    // The request and response themselves, as pino-http passes them: its serializers pick the fields.
    const completion = {
      req: request,
      ...requestBindingsOf(request),
      res: response,
      responseTime: Math.round(performance.now() - arrivedAtMs),
      idempotencyOutcome: outcome,
    };
    logger.info(completion, 'request completed');
  };
}
