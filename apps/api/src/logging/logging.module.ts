import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { API_CONFIG, ApiConfig } from '../config/api-config';

// Request ids come from the caller when it sends a sane one, so logs of a client, the chaos proxy
// and the API line up; otherwise we mint one.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Structured JSON logs (pino) with a request id; secrets are redacted, never logged. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (request, response) => {
            const incoming = request.headers['x-request-id'];
            const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
            response.setHeader('X-Request-Id', id);
            return id;
          },
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.accessToken'],
            censor: '[redacted]',
          },
          // Method, URL and status are what an operator needs; headers would carry secrets.
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          // For keyed requests: what the idempotency layer did, and which attempt of the client
          // this was (retry amplification shows up as attempt > 1).
          customProps: (request, response) => {
            const outcome = (response as { locals?: { idempotencyOutcome?: string } }).locals?.idempotencyOutcome;
            const attempt = request.headers['idempotency-attempt'];
            return { ...(outcome ? { idempotencyOutcome: outcome } : {}), ...(attempt ? { idempotencyAttempt: String(attempt) } : {}) };
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
