import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { REDACTED, redactLogLine, redactUrl } from './redact-secrets';
import { requestBindingsOf, requestIdOf } from './request-id';

/**
 * Injection token of an optional pino destination (anything with `write(line)`). Unset, as in
 * every normal run, logs go to stdout; tests provide one from a global module to read the logs.
 */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

// pino's structural redaction, for the known places (any value type). Deeper fields, other
// spellings and secrets inside messages are left to redactLogLine on the serialised line: wildcard
// paths such as `*.*.password` made fast-redact cost several times a whole log line per request
// (measured), while one pass over the line costs less than writing it.
const REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.accessToken'];

/** Structured JSON logs (pino) with a request id; tokens, passwords and credentials are redacted, never logged. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [API_CONFIG, { token: LOG_DESTINATION, optional: true }],
      useFactory: (config: ApiConfig, destination?: DestinationStream) => {
        const options: Options = {
          level: config.logLevel,
          genReqId: requestIdOf,
          redact: { paths: REDACT_PATHS, censor: REDACTED },
          // Method, URL and status are what an operator needs; headers would carry secrets, and
          // so can a URL (`?access_token=…`).
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: redactUrl(request.url) }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          hooks: { streamWrite: redactLogLine },
          // Known on arrival, so a binding of every line of the request.
          customProps: requestBindingsOf,
          // What the idempotency layer did is known only once the response is written: a field of
          // the completion line. As a customProps binding it would be bound twice, on arrival and
          // at completion, and pino would write the first binding's keys twice in one object.
          customSuccessObject: (_request, response, completion: object) => withIdempotencyOutcome(response, completion),
          customErrorObject: (_request, response, _error, completion: object) => withIdempotencyOutcome(response, completion),
        };
        return { pinoHttp: destination ? [options, destination] : options };
      },
    }),
  ],
})
export class LoggingModule {}

function withIdempotencyOutcome(response: unknown, completion: object): object {
  const outcome = (response as { locals?: { idempotencyOutcome?: string } }).locals?.idempotencyOutcome;
  return outcome ? { ...completion, idempotencyOutcome: outcome } : completion;
}
