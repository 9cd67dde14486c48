import type { HeaderObject } from '@nestjs/swagger';
import { ACCEPTED_CONTENT_ENCODINGS } from '../http/json-body-policy';

// RFC 9110 §8.8.3: a strong entity tag is an opaque quoted string without the `W/` prefix.
const STRONG_ETAG = { type: 'string', pattern: '^"[\\x21\\x23-\\x7e]*"$' } as const;

/**
 * The response headers the HTTP contract names, as OpenAPI header objects to spread into a
 * response's `headers`. `required: true` means every response of that status carries it.
 */
export const RESPONSE_HEADERS = {
  location: {
    Location: {
      required: true,
      description: 'Path of the created order, `/orders/{id}`; replayed with the stored answer.',
      schema: { type: 'string', pattern: '^/orders/[0-9a-f-]{36}$' },
    },
  },
  etag: {
    ETag: {
      required: true,
      description: 'Strong ETag of the profile; send it as `If-Match` to make a PUT conditional. It changes when, and only when, the body does.',
      schema: STRONG_ETAG,
    },
  },
  retryAfter: {
    'Retry-After': {
      required: true,
      description: 'Seconds to wait before sending the same request again, with the same Idempotency-Key.',
      schema: { type: 'integer', minimum: 0 },
    },
  },
  idempotentReplayed: {
    'Idempotent-Replayed': {
      required: false,
      description:
        '`true` when this is the stored answer of an earlier request with the same Idempotency-Key, replayed byte for byte; absent on the first answer.',
      schema: { type: 'string', enum: ['true'] },
    },
  },
  idempotencyOutcome: {
    'Idempotency-Outcome': {
      required: true,
      description:
        'What this request did with the operation: `executed` (ran it from the start), `resumed` (finished the work an earlier request with ' +
        'the same Idempotency-Key had started, e.g. the charge after 503 `payment-provider-unavailable`) or `replayed` (sent its stored answer).',
      schema: { type: 'string', enum: ['executed', 'resumed', 'replayed'] },
    },
  },
  problemOutcome: {
    'Problem-Outcome': {
      required: true,
      description:
        'What this problem says about the operation (problem-catalog.ts, `ProblemOutcome`): `final` (the same request with the same key ' +
        'gets this answer again), `not-run` (nothing was done; the same request may run later), `in-progress` (another request with the ' +
        'key is still running) or `unfinished` (the operation may have done part of its work; the same key resumes it).',
      schema: { type: 'string', enum: ['final', 'not-run', 'in-progress', 'unfinished'] },
    },
  },
  acceptEncoding: {
    'Accept-Encoding': {
      required: true,
      description: 'The request Content-Encodings the API decodes besides identity (RFC 9110 §12.5.3).',
      schema: { type: 'string', example: ACCEPTED_CONTENT_ENCODINGS.join(', ') },
    },
  },
} as const satisfies Record<string, Record<string, HeaderObject>>;
