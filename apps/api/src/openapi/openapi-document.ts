import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { readApiConfig } from '../config/api-config';
import { ProblemDetailsResponse } from './responses/problem-details.response';

/** Where the committed document lives: `apps/api/openapi.json` (from src/openapi and from dist/openapi alike). */
export const OPENAPI_DOCUMENT_PATH = join(__dirname, '..', '..', 'openapi.json');

/**
 * The OpenAPI document of `app`'s routes: what `/docs` and `/docs/json` serve.
 *
 * Every schema, response and header comes from explicit `@nestjs/swagger` decorators, not from its
 * CLI plugin: the plugin is a TypeScript transformer that needs the Nest CLI (or a patched tsc),
 * while this app builds with plain `tsc` and its tests run through SWC, which has no type
 * information. Decorators give both the same document, which openapi-document.spec.ts relies on.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const info = new DocumentBuilder()
    .setTitle('Safe Checkout API')
    .setDescription(
      'Retry-safe checkout: `POST /orders` with `Idempotency-Key`; `PUT /users/{id}` is idempotent by nature. ' +
        'Every error is RFC 9457 `application/problem+json` whose `type` is `/problems/{slug}`.',
    )
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, info, { extraModels: [ProblemDetailsResponse] });
}

/**
 * Builds the document from the app module without a database: Nest's preview mode resolves the
 * module graph and reads the routes' metadata but instantiates no provider, so nothing connects.
 * The configuration does not shape the document; a placeholder database URL satisfies it.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const config = readApiConfig({ DATABASE_URL: 'postgresql://openapi-document@127.0.0.1:9/never-connected' });
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The committed form: two-space JSON with a final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
