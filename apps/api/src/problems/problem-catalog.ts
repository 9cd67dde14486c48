/** One kind of failure the API reports: its status, title and the explanation served at its `type`. */
export interface ProblemKind {
  status: number;
  title: string;
  explanation: string;
}

/**
 * Every problem `type` the API itself emits (the idempotency layer adds its own, see
 * problem-registry.ts). The slugs are part of the HTTP contract: never rename one.
 */
export const API_PROBLEMS = {
  'malformed-json': { status: 400, title: 'Malformed JSON', explanation: 'The request body is not valid JSON. Nothing was done; fix the body and send it again (the same Idempotency-Key may be reused).' },
  'validation-failed': { status: 400, title: 'Invalid request', explanation: 'The request body or parameters break the documented rules; `errors` lists each one. Nothing was done.' },
  'unauthorized': { status: 401, title: 'Authentication required', explanation: 'Send `Authorization: Bearer <accessToken>` with a token from POST /auth/login that has not expired.' },
  'invalid-credentials': { status: 401, title: 'Wrong email or password', explanation: 'The email and password do not match an account.' },
  'forbidden': { status: 403, title: 'Not your resource', explanation: 'A caller sees and changes only their own profile.' },
  'not-found': { status: 404, title: 'Not found', explanation: 'There is no such resource or route for this caller.' },
  'email-taken': { status: 409, title: 'Email already in use', explanation: 'Another account uses this email address; choose another.' },
  'precondition-failed': { status: 412, title: 'The resource changed', explanation: 'The If-Match ETag is stale: someone changed the resource since you read it. Read it again (GET) and re-apply your change.' },
  'payload-too-large': { status: 413, title: 'Request body too large', explanation: 'The request body exceeds the size limit.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', explanation: 'Send the body as application/json.' },
  'insufficient-stock': { status: 422, title: 'Not enough stock', explanation: 'One or more products do not have the requested quantity in stock. This is a final answer for this Idempotency-Key: it is replayed on retries.' },
  'unknown-product': { status: 422, title: 'Unknown product', explanation: 'An order line names a product that does not exist.' },
  'mixed-currency': { status: 422, title: 'Mixed currencies', explanation: 'All products of one order must be priced in the same currency.' },
  'internal-error': { status: 500, title: 'Internal server error', explanation: 'Something failed on our side and nothing was committed. Retrying with the same Idempotency-Key is safe.' },
  'service-unavailable': { status: 503, title: 'Service unavailable', explanation: 'The API or its database is not available right now. Retry later.' },
} as const satisfies Record<string, ProblemKind>;

export type ApiProblemSlug = keyof typeof API_PROBLEMS;
