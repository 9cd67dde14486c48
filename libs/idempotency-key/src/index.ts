export { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_KEY_MIN_LENGTH, parseIdempotencyKeyHeader, serializeIdempotencyKey } from './idempotency-key';
export type { IdempotencyKeyParseResult, IdempotencyKeySyntax } from './idempotency-key';
export { mintIdempotencyKey } from './mint-idempotency-key';
