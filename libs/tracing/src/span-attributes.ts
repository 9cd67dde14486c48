/**
 * The attribute names this project puts on spans. OpenTelemetry semantic conventions where one
 * exists (`http.*`, `url.*`, `error.type`); the retry and idempotency story under `retry.*` and
 * `idempotency.*`. Nothing here ever holds an idempotency key, a token or a card: a key is only
 * ever recorded as its hash.
 */
export const SPAN_ATTRIBUTES = {
  httpMethod: 'http.request.method',
  httpStatus: 'http.response.status_code',
  httpRoute: 'http.route',
  urlPath: 'url.path',
  /** OpenTelemetry's own name for "retry number": 0 on the first attempt. */
  resendCount: 'http.request.resend_count',
  errorType: 'error.type',
  attempt: 'retry.attempt',
  /** `succeeded`, `definite` or `ambiguous` (the retrying client's verdict). */
  verdict: 'retry.verdict',
  failureReason: 'retry.failure_reason',
  waitMs: 'retry.wait_ms',
  /** `backoff` or `retry-after`. */
  waitBasis: 'retry.wait_basis',
  backoffCapMs: 'retry.backoff_cap_ms',
  retryAfterMs: 'retry.retry_after_ms',
  keyHash: 'idempotency.key_hash',
  /** What the idempotency layer did: `executed`, `replayed`, `resumed`, `in_progress`, `reused`… */
  outcome: 'idempotency.outcome',
  phaseFrom: 'idempotency.phase.from',
  /** Where a phase left the key: the next recovery point, or `response` when it finished. */
  recoveryPoint: 'idempotency.recovery_point',
  /** How a recovery worker's pass over a key ended: `completed`, `final-answer`, `released`, `lease-lost`, `store-unavailable`. */
  resumeEnd: 'idempotency.resume.end',
  /** The provider event a webhook delivery carries (`payment_intent.succeeded`…), and what the receiver did with it. */
  webhookEventType: 'webhook.event.type',
  webhookOutcome: 'webhook.outcome',
} as const;
