import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { SANDBOX_CONFIG, SandboxConfig } from '../config/sandbox-config';

/**
 * Structured JSON logs (pino), one line per request, with a Stripe-style `Request-Id` (`req_…`)
 * that is also sent back; the secret key is never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [SANDBOX_CONFIG],
      useFactory: (config: SandboxConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (_request, response) => {
            const id = `req_${randomBytes(10).toString('hex')}`;
            response.setHeader('Request-Id', id);
            return id;
          },
          redact: { paths: ['req.headers.authorization'], censor: '[redacted]' },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          // Known only once the response is written: a field of the completion line, not a
          // customProps binding (pino-http binds those on arrival and again at completion).
          customSuccessObject: (_request, response, completion: object) => withIdempotencyOutcome(response, completion),
          customErrorObject: (_request, response, _error, completion: object) => withIdempotencyOutcome(response, completion),
        },
      }),
    }),
  ],
})
export class LoggingModule {}

function withIdempotencyOutcome(response: unknown, completion: object): object {
  const outcome = (response as { locals?: { idempotencyOutcome?: string } }).locals?.idempotencyOutcome;
  return outcome ? { ...completion, idempotencyOutcome: outcome } : completion;
}
