import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { HeldDuplicates } from '@safe-checkout/idempotency-nest';
import { tracedRequests } from '@safe-checkout/tracing';
import { Logger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { ClientAddresses } from './admission/client-addresses';
import { knownLoginAddressRefusal } from './admission/login-early-refusal';
import { LoginAdmission } from './admission/login-admission';
import { userReadLimit } from './admission/user-read-limit';
import { AppModule } from './app.module';
import { ApiConfig } from './config/api-config';
import { CanonicalUuidParamPipe } from './http/canonical-uuid-param.pipe';
import { announcedLengthOver, refuseEarly } from './http/early-refusals';
import { answerHeldDuplicates } from './http/held-duplicate-answers';
import { JSON_BODY_LIMIT_BYTES } from './http/json-body-policy';
import { useSecurityHeaders } from './http/security-headers';
import { applyServerTimeouts } from './http/server-timeouts';
import { UnknownMembersPipe } from './http/unknown-members.pipe';
import { validationFailed } from './http/validation-problem';
import { HttpRequestDurations } from './metrics/http-request-durations';
import { createOpenApiDocument } from './openapi/openapi-document';

/**
 * Builds the configured Nest application (not yet listening) around `rootModule`: the API's
 * AppModule, or a module of the caller's that imports it beside its own (chaos-main.ts, the bench).
 * Shared by the entry points, the tests and the benchmark.
 */
export async function createApiApp(config: ApiConfig, rootModule: DynamicModule = AppModule.forRoot(config)): Promise<INestApplication> {
  // bodyParser: false, or Nest would add its own json and urlencoded parsers: JsonBodyModule is the only one.
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // First, so that every request's span covers all the rest (a no-op span when tracing is off).
  app.use(tracedRequests());
  app.useGlobalPipes(
    new CanonicalUuidParamPipe(),
    new UnknownMembersPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationFailed }),
  );
  useSecurityHeaders(app);
  // The storefront calls the API from the browser; these headers carry the retry protocol.
  app.enableCors({
    origin: config.corsOrigins,
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'Idempotency-Attempt',
      'If-Match',
      'Prefer',
      'X-Request-Id',
      'traceparent',
      'tracestate',
    ],
    exposedHeaders: ['Location', 'ETag', 'Retry-After', 'Idempotent-Replayed', 'Idempotency-Outcome', 'Problem-Outcome', 'X-Request-Id'],
    maxAge: 600,
  });
  // After the security and CORS headers (a browser must be able to read a 429), before every
  // module's middleware and route: what is refused from the headers alone costs next to nothing.
  app.use(
    refuseEarly(
      [
        announcedLengthOver(JSON_BODY_LIMIT_BYTES),
        knownLoginAddressRefusal(app.get(LoginAdmission), app.get(ClientAddresses)),
        userReadLimit(app.get(JwtService), config.readsPerUser),
      ],
      app.get(Registry),
    ),
  );
  // Then a duplicate of a key a request of this process is answering waits on it and is answered
  // here, logged and counted, without the rest of the chain (docs/capacity.md).
  app.use(
    answerHeldDuplicates({
      jwt: app.get(JwtService),
      held: app.get(HeldDuplicates),
      durations: app.get(HttpRequestDurations),
      jwtMaxLifetimeSeconds: config.jwtMaxLifetimeSeconds,
      bodyLimitBytes: JSON_BODY_LIMIT_BYTES,
    }),
  );
  app.enableShutdownHooks();
  applyServerTimeouts(app.getHttpServer());
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'docs/json' });
  return app;
}
