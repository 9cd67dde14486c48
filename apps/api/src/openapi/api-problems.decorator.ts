import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, HeaderObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problems/problem-details.filter';
import { PROBLEM_REGISTRY, ProblemSlug, problemTypeUri } from '../problems/problem-registry';
import { ProblemDetailsResponse } from './responses/problem-details.response';
import { RESPONSE_HEADERS } from './response-headers';

/** The headers that come with a problem (set where it is thrown: to-problem.ts, the idempotency layer, users.service.ts, content-encoding.ts). */
const HEADERS_OF: Partial<Record<ProblemSlug, Record<string, HeaderObject>>> = {
  'idempotency-request-in-progress': RESPONSE_HEADERS.retryAfter,
  'idempotency-store-unavailable': RESPONSE_HEADERS.retryAfter,
  'service-unavailable': RESPONSE_HEADERS.retryAfter,
  'too-many-requests': RESPONSE_HEADERS.retryAfter,
  'payment-provider-unavailable': RESPONSE_HEADERS.retryAfter,
  'precondition-failed': RESPONSE_HEADERS.etag,
  'unsupported-content-encoding': RESPONSE_HEADERS.acceptEncoding,
};

/**
 * Final answers of `POST /orders`: stored with the key and replayed to retries, like a success
 * (final-answer.ts; checkout.phases.ts for the payment answers).
 */
const REPLAYED: ReadonlySet<ProblemSlug> = new Set([
  'insufficient-stock',
  'unknown-product',
  'mixed-currency',
  'order-total-out-of-range',
  'payment-declined',
  'payment-method-invalid',
  'payment-request-invalid',
]);

/**
 * Documents the problems a route can answer with: one response per status, whose body is
 * {@link ProblemDetailsResponse} with `type` narrowed to those slugs, and whose headers are those
 * the problems carry (required when every problem of that status carries it). Give every slug of
 * the route in one call: @nestjs/swagger merges a second call's response for the same status into
 * the first by replacing its content, so the first call's slugs would drop out of the schema.
 *
 * @example
 * @ApiProblems(AUTHENTICATION_PROBLEMS, SERVER_PROBLEMS, 'not-found')
 */
export function ApiProblems(...slugs: (ProblemSlug | readonly ProblemSlug[])[]): MethodDecorator {
  const byStatus = new Map<number, ProblemSlug[]>();
  for (const slug of new Set(slugs.flat())) {
    const { status } = PROBLEM_REGISTRY[slug];
    byStatus.set(status, [...(byStatus.get(status) ?? []), slug]);
  }
  const responses = [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, group]) =>
      ApiResponse({
        status,
        description: describe(group),
        ...headersOf(group),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(status, group) } },
      }),
    );
  return applyDecorators(ApiExtraModels(ProblemDetailsResponse), ...responses);
}

function describe(group: ProblemSlug[]): string {
  const lines = group.map(
    (slug) =>
      `- [\`${slug}\`](${problemTypeUri(slug)}): ${PROBLEM_REGISTRY[slug].title}${REPLAYED.has(slug) ? ' (final: replayed to retries with the same key)' : ''}`,
  );
  return ['Problem types:', ...lines].join('\n');
}

function problemSchema(status: number, group: ProblemSlug[]): SchemaObject {
  return {
    allOf: [
      { $ref: getSchemaPath(ProblemDetailsResponse) },
      {
        type: 'object',
        required: ['type', 'status'],
        properties: { type: { type: 'string', enum: group.map(problemTypeUri) }, status: { type: 'integer', enum: [status] } },
      },
    ],
  };
}

// `{ headers }` for the response, or nothing when no problem of the group carries one.
function headersOf(group: ProblemSlug[]): { headers?: Record<string, HeaderObject> } {
  const carried = group.map((slug): Record<string, HeaderObject> => ({
    ...RESPONSE_HEADERS.problemOutcome,
    ...HEADERS_OF[slug],
    ...(REPLAYED.has(slug) ? { ...RESPONSE_HEADERS.idempotentReplayed, ...RESPONSE_HEADERS.idempotencyOutcome } : {}),
  }));
  const names = [...new Set(carried.flatMap((set) => Object.keys(set)))];
  if (names.length === 0) return {};
  const headers: Record<string, HeaderObject> = {};
  for (const name of names) {
    const header = carried.find((set) => set[name])![name];
    headers[name] = { ...header, required: Boolean(header.required) && carried.every((set) => set[name]) };
  }
  return { headers };
}
