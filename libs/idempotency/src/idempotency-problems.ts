/** Stable slugs of the idempotency problems; each becomes the last segment of an RFC 9457 `type` URI. */
export type IdempotencyProblemSlug =
  'idempotency-key-missing' | 'idempotency-key-invalid' | 'idempotency-key-reused' | 'idempotency-request-in-progress' | 'idempotency-store-unavailable';

/** What the API answers for one problem slug, and the short explanation it serves at `/problems/<slug>`. */
export interface IdempotencyProblem {
  /** HTTP status code. */
  status: number;
  /** RFC 9457 `title`: the same for every occurrence of the problem. */
  title: string;
  /** A few sentences for the human who follows the `type` link: what happened and what to do. */
  explanation: string;
}

/**
 * The idempotency problems of the HTTP contract ("Idempotency-Key semantics"), by slug.
 *
 * @example
 * const { status, title } = IDEMPOTENCY_PROBLEMS['idempotency-key-reused']; // 422
 */
export const IDEMPOTENCY_PROBLEMS: Readonly<Record<IdempotencyProblemSlug, IdempotencyProblem>> = {
  'idempotency-key-missing': {
    status: 400,
    title: 'Idempotency-Key header is missing',
    explanation:
      'This operation is not safe to repeat, so it requires an Idempotency-Key header. ' +
      'Generate a fresh UUIDv4 for each new operation, send it as Idempotency-Key: "<uuid>", ' +
      'and send the same key again when you retry that operation.',
  },
  'idempotency-key-invalid': {
    status: 400,
    title: 'Idempotency-Key header is malformed',
    explanation:
      'The Idempotency-Key must be a single RFC 8941 string ("…") or a bare token, ' +
      '16 to 255 visible ASCII characters long once unquoted, without parameters. ' +
      'A UUIDv4 always qualifies. Nothing was executed or stored.',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key was already used for a different request',
    explanation:
      'You sent a key that was first used with another method, route, query or body. ' +
      'A key identifies exactly one request: retry with the original request, ' +
      'or use a new key for a new operation. Nothing was executed.',
  },
  'idempotency-request-in-progress': {
    status: 409,
    title: 'A request with this Idempotency-Key is still in progress',
    explanation:
      'The original request with this key has not finished yet. Wait for the number of seconds ' +
      'given in Retry-After and send the same request again: you will get its result.',
  },
  'idempotency-store-unavailable': {
    status: 503,
    title: 'Idempotency key store is unavailable',
    explanation:
      'The server cannot record idempotency keys right now, and it never runs an operation ' +
      'unrecorded. Nothing was executed: retry the same request, with the same key, after Retry-After.',
  },
};
