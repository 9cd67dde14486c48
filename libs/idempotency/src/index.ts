export {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENCY_KEY_MIN_LENGTH,
  parseIdempotencyKeyHeader,
  serializeIdempotencyKey,
} from './idempotency-key';
export type { IdempotencyKeyParseResult } from './idempotency-key';
export { fingerprintRequest } from './request-fingerprint';
export type { FingerprintedRequest } from './request-fingerprint';
export type { IdempotencyRecord, IdempotencyRecordState, StoredResponse } from './idempotency-record';
export { decideOnExistingRecord } from './claim-decision';
export type { ClaimDecision } from './claim-decision';
export type { ClaimRequest, ClaimResult, IdempotencyKeyStore, Lease } from './idempotency-key-store';
export { LeaseLostError } from './lease-lost.error';
export { IdempotencyStoreUnavailableError } from './idempotency-store-unavailable.error';
export { IDEMPOTENCY_PROBLEMS } from './idempotency-problems';
export type { IdempotencyProblem, IdempotencyProblemSlug } from './idempotency-problems';
export {
  DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS,
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  DEFAULT_REPLAYED_HEADERS,
  pickReplayableHeaders,
} from './idempotency-options';
