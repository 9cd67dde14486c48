import { INestApplication, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ClientAddresses } from './admission/client-addresses';
import { knownLoginAddressRefusal } from './admission/login-early-refusal';
import { LoginAdmission } from './admission/login-admission';
import { AppModule } from './app.module';
import { ApiConfig } from './config/api-config';
import { CanonicalUuidParamPipe } from './http/canonical-uuid-param.pipe';
import { announcedLengthOver, refuseEarly } from './http/early-refusals';
import { JSON_BODY_LIMIT_BYTES } from './http/json-body-policy';
import { useSecurityHeaders } from './http/security-headers';
import { applyServerTimeouts } from './http/server-timeouts';
import { UnknownMembersPipe } from './http/unknown-members.pipe';
import { validationFailed } from './http/validation-problem';
import { createOpenApiDocument } from './openapi/openapi-document';

/**
 * Builds the configured Nest application (not yet listening): shared by main.ts, the tests and
 * the benchmark, which adds its baseline route as an extra module (never present in a normal run).
 */
export async function createApiApp(config: ApiConfig, extraModules: Type[] = []): Promise<INestApplication> {
  // bodyParser: false, or Nest would add its own json and urlencoded parsers: JsonBodyModule is the only one.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, extraModules), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.useGlobalPipes(
    new CanonicalUuidParamPipe(),
    new UnknownMembersPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationFailed }),
  );
  useSecurityHeaders(app);
  // The storefront calls the API from the browser; these headers carry the retry protocol.
  app.enableCors({
    origin: config.corsOrigins,
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Idempotency-Attempt', 'If-Match', 'Prefer', 'X-Request-Id'],
    exposedHeaders: ['Location', 'ETag', 'Retry-After', 'Idempotent-Replayed', 'Idempotency-Outcome', 'Problem-Outcome', 'X-Request-Id'],
    maxAge: 600,
  });
  // After the security and CORS headers (a browser must be able to read a 429), before every
  // module's middleware and route: what is refused from the headers alone costs next to nothing.
  app.use(refuseEarly([announcedLengthOver(JSON_BODY_LIMIT_BYTES), knownLoginAddressRefusal(app.get(LoginAdmission), app.get(ClientAddresses))]));
  app.enableShutdownHooks();
  applyServerTimeouts(app.getHttpServer());
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'docs/json' });
  return app;
}
