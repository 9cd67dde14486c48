import { ACCEPTED_CONTENT_ENCODINGS, MAX_JSON_DEPTH } from '../http/json-body-policy';

/**
 * What a problem answer says about the operation the request asked for, so that a client never
 * re-derives it from statuses (sent as the `Problem-Outcome` header, http-contract.md):
 * - `final`: the same request with the same key gets this answer again: it is stored with the key
 *   and replayed (a declined card, not enough stock), or the request itself is refused (bad input);
 *   a different result needs a different request, with a new key;
 * - `not-run`: turned away before the operation ran, for a reason outside the request (sign-in
 *   expired, a rate limit, the key store down): nothing was done, and the same request with the
 *   same key may run later. It says nothing about earlier requests with that key;
 * - `in-progress`: another request with this key is still running; asking again gets its answer;
 * - `unfinished`: the operation may have done part of its work (payments.md, an order awaiting its
 *   charge); the same key resumes it, and the shop's recovery worker finishes it if nobody asks.
 */
export type ProblemOutcome = 'final' | 'not-run' | 'in-progress' | 'unfinished';

/** The response header that carries a problem's {@link ProblemOutcome}. */
export const PROBLEM_OUTCOME_HEADER = 'Problem-Outcome';

/** One kind of failure the API reports: its status, title, outcome and the explanation served at its `type`. */
export interface ProblemKind {
  status: number;
  outcome: ProblemOutcome;
  title: string;
  explanation: string;
}

/**
 * Every problem `type` the API itself emits (the idempotency layer adds its own, see
 * problem-registry.ts). The slugs are part of the HTTP contract: never rename one.
 */
export const API_PROBLEMS = {
  'malformed-json': {
    status: 400,
    outcome: 'final',
    title: 'Malformed JSON',
    explanation: 'The request body is not valid JSON. Nothing was done; fix the body and send it again (the same Idempotency-Key may be reused).',
  },
  'malformed-body': {
    status: 400,
    outcome: 'final',
    title: 'Unreadable request body',
    explanation:
      'The body does not match what its headers declare: it does not decode as its Content-Encoding says (for example "gzip" on bytes that are not gzip), or it is shorter than its Content-Length. Nothing was done; the same Idempotency-Key may be reused.',
  },
  'json-body-not-object': {
    status: 400,
    outcome: 'final',
    title: 'Body must be a JSON object',
    explanation:
      'Every request body of this API is a JSON object ({…}); a top-level array, string, number, boolean or null is refused. Nothing was done; the same Idempotency-Key may be reused.',
  },
  'json-too-deep': {
    status: 400,
    outcome: 'final',
    title: 'JSON nested too deeply',
    explanation: `The body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep ({} is one level). Nothing was done; the same Idempotency-Key may be reused.`,
  },
  'json-number-out-of-range': {
    status: 400,
    outcome: 'final',
    title: 'Number out of range',
    explanation:
      'A number in the body (`pointer` says where) is too large for a 64-bit floating-point number, such as 1e400; it cannot be handled or stored faithfully. Nothing was done; the same Idempotency-Key may be reused.',
  },
  'json-nul-character': {
    status: 400,
    outcome: 'final',
    title: 'NUL character in text',
    explanation:
      'A string or member name in the body (`pointer` says where) contains the NUL character (\\u0000), which text fields cannot store. Nothing was done; the same Idempotency-Key may be reused.',
  },
  'ill-formed-unicode': {
    status: 400,
    outcome: 'final',
    title: 'Text is not well-formed Unicode',
    explanation:
      'The body is not valid UTF-8, or a string or member name in it (`pointer` says where) contains a lone UTF-16 surrogate such as \\ud800. Such text cannot be stored as sent, so an identical repeat would look like a change. Nothing was done; the same Idempotency-Key may be reused.',
  },
  'validation-failed': {
    status: 400,
    outcome: 'final',
    title: 'Invalid request',
    explanation: 'The request body or parameters break the documented rules; `errors` lists each one. Nothing was done.',
  },
  unauthorized: {
    status: 401,
    outcome: 'not-run',
    title: 'Authentication required',
    explanation: 'Send `Authorization: Bearer <accessToken>` with a token from POST /auth/login that has not expired.',
  },
  'invalid-credentials': { status: 401, outcome: 'final', title: 'Wrong email or password', explanation: 'The email and password do not match an account.' },
  forbidden: { status: 403, outcome: 'final', title: 'Not your resource', explanation: 'A caller sees and changes only their own profile.' },
  'not-found': { status: 404, outcome: 'final', title: 'Not found', explanation: 'There is no such resource or route for this caller.' },
  'email-taken': { status: 409, outcome: 'final', title: 'Email already in use', explanation: 'Another account uses this email address; choose another.' },
  'precondition-failed': {
    status: 412,
    outcome: 'final',
    title: 'The resource changed',
    explanation: 'The If-Match ETag is stale: someone changed the resource since you read it. Read it again (GET) and re-apply your change.',
  },
  'payload-too-large': { status: 413, outcome: 'final', title: 'Request body too large', explanation: 'The request body exceeds the size limit.' },
  'too-many-requests': {
    status: 429,
    outcome: 'not-run',
    title: 'Too many requests',
    explanation:
      'A limit was reached: login attempts per account or per client address, new writes (new orders, profile changes) per user, or the logins the server checks at once. Nothing was done. Retry after the `Retry-After` seconds; a retry of an order with the same Idempotency-Key is safe, and replays of a finished request are never limited.',
  },
  'unsupported-media-type': { status: 415, outcome: 'final', title: 'Unsupported media type', explanation: 'Send the body as application/json.' },
  'unsupported-content-encoding': {
    status: 415,
    outcome: 'final',
    title: 'Unsupported content encoding',
    explanation: `Send the body uncompressed (identity) or with one Content-Encoding among ${ACCEPTED_CONTENT_ENCODINGS.join(', ')}; the Accept-Encoding response header lists them. Nothing was done.`,
  },
  'payment-declined': {
    status: 402,
    outcome: 'final',
    title: 'Payment declined',
    explanation:
      'The payment provider declined the card (`declineCode` says why, e.g. insufficient_funds). Nothing was charged, the order is payment_failed and its stock was given back. This is a final answer for this Idempotency-Key: it is replayed on retries; to try another card, send a new order with a new key.',
  },
  'payment-method-invalid': {
    status: 422,
    outcome: 'final',
    title: 'Payment method cannot be charged',
    explanation:
      'The payment provider does not know this payment method. Nothing was charged, the order is payment_failed and its stock was given back. This is a final answer for this Idempotency-Key: it is replayed on retries.',
  },
  'insufficient-stock': {
    status: 422,
    outcome: 'final',
    title: 'Not enough stock',
    explanation:
      'One or more products do not have the requested quantity in stock. This is a final answer for this Idempotency-Key: it is replayed on retries.',
  },
  'order-total-out-of-range': {
    status: 422,
    outcome: 'final',
    title: 'Order total out of range',
    explanation:
      "The order's total (`totalCents`) is not one the payment provider can charge: it must be at least 1 minor unit and at most `maximumCents` (99 999 999, Stripe's limit). It was decided before any stock was taken: no order was created and nothing was charged. This is a final answer for this Idempotency-Key: it is replayed on retries; split the order or change the cart, then check out with a new key.",
  },
  'payment-request-invalid': {
    status: 422,
    outcome: 'final',
    title: 'Payment provider refused the charge request',
    explanation:
      'The payment provider refused the charge request itself as invalid (`param` names the parameter, e.g. currency), so sending it again cannot succeed. Nothing was charged, the order (`orderId`) is payment_failed and its stock was given back. This is a final answer for this Idempotency-Key: it is replayed on retries.',
  },
  'unknown-product': { status: 422, outcome: 'final', title: 'Unknown product', explanation: 'An order line names a product that does not exist.' },
  'mixed-currency': { status: 422, outcome: 'final', title: 'Mixed currencies', explanation: 'All products of one order must be priced in the same currency.' },
  'internal-error': {
    status: 500,
    outcome: 'unfinished',
    title: 'Internal server error',
    explanation:
      'Something failed on our side. The step that failed was rolled back; an earlier step of a multi-phase operation (an order awaiting payment) may stand. Retrying with the same Idempotency-Key is safe: it resumes where the operation stopped and never repeats a finished step.',
  },
  'service-unavailable': {
    status: 503,
    outcome: 'unfinished',
    title: 'Service unavailable',
    explanation:
      'The API cannot use its database right now: it is unreachable, the connection was lost, or every connection is busy. The request was not completed; retry after the `Retry-After` seconds (an order with the same Idempotency-Key: it runs at most once).',
  },
  'payment-provider-unavailable': {
    status: 503,
    outcome: 'unfinished',
    title: 'Payment provider unavailable',
    explanation:
      'The order exists, but the payment provider did not answer, so whether the card was charged is not known yet. Retry after `Retry-After` seconds with the same Idempotency-Key: the checkout resumes at the charge, which the provider deduplicates, so the card is charged at most once; if you do not retry, the shop finishes the checkout by itself.',
  },
  'webhook-signature-invalid': {
    status: 400,
    outcome: 'final',
    title: 'Webhook signature invalid',
    explanation:
      'The `Stripe-Signature` header is missing or malformed, its timestamp is more than 300 seconds from the shop\'s clock, or none of its `v1` signatures is the HMAC-SHA256 of "<timestamp>.<raw body>" with a webhook secret the shop holds (payments.md §5). Nothing was done. A provider sending with the right secret retries on its own schedule.',
  },
  'webhook-event-unreadable': {
    status: 400,
    outcome: 'final',
    title: 'Webhook event unreadable',
    explanation:
      'The body is correctly signed but is not an event the shop can read: an event object with an `evt_` id whose `data.object` is a PaymentIntent (id, amount, currency, status, metadata). Nothing was done.',
  },
  'webhooks-not-configured': {
    status: 503,
    outcome: 'not-run',
    title: 'Webhooks not configured',
    explanation:
      "The shop holds no webhook secret (PAYMENT_WEBHOOK_SECRET), so it cannot tell a provider's event from a forgery and accepts none. Nothing was done; the provider retries later, once the secret is configured.",
  },
} as const satisfies Record<string, ProblemKind>;

export type ApiProblemSlug = keyof typeof API_PROBLEMS;
