import { readFileSync } from 'node:fs';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_REGISTRY, problemTypeUri } from '../problems/problem-registry';
import { buildOpenApiDocument, OPENAPI_DOCUMENT_PATH, serializeOpenApiDocument } from './openapi-document';

const REGENERATE = 'the routes changed: run `npx nx run @safe-checkout/api:openapi` and commit apps/api/openapi.json';

describe('apps/api/openapi.json', () => {
  let built: OpenAPIObject;
  beforeAll(async () => (built = await buildOpenApiDocument()));

  it(`is the document the routes describe (if not, ${REGENERATE})`, () => {
    const committed = readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8');
    // Structure first, for a readable diff; then the bytes, so formatting cannot drift either.
    expect({ document: JSON.parse(committed) }).toEqual({ document: JSON.parse(JSON.stringify(built)) });
    expect(committed).toBe(serializeOpenApiDocument(built));
  });

  it('documents every problem type of the registry on at least one route', () => {
    const answered = new Set(
      Object.values(built.paths)
        .flatMap((item) => Object.values(item as Record<string, OperationObject>))
        .flatMap((operation) => Object.values(operation.responses) as ResponseObject[])
        .flatMap((response) => JSON.stringify(response.content ?? {}).match(/\/problems\/[a-z-]+/g) ?? []),
    );
    expect(
      Object.keys(PROBLEM_REGISTRY)
        .map(problemTypeUri)
        .filter((type) => !answered.has(type)),
    ).toEqual([]);
  });

  it('gives every operation an operationId, a success response and problem responses', () => {
    const operations = Object.entries(built.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, OperationObject>).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    const incomplete = operations.filter(({ operation }) => {
      const statuses = Object.keys(operation.responses).map(Number);
      return !operation.operationId || !statuses.some((status) => status < 300) || !statuses.some((status) => status >= 400);
    });
    expect(incomplete.map(({ name }) => name)).toEqual([]);
  });
});
