export {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENCY_KEY_MIN_LENGTH,
  parseIdempotencyKeyHeader,
  serializeIdempotencyKey,
} from '@safe-checkout/idempotency-key';
export type { IdempotencyKeyParseResult } from '@safe-checkout/idempotency-key';
export { fingerprintRequest } from './request-fingerprint';
export type { FingerprintedRequest } from './request-fingerprint';
export { FINISHED, STARTED } from './idempotency-record';
export type { IdempotencyRecord, IdempotencyRecordState, RecoveryPoint, StoredResponse } from './idempotency-record';
export { FROM_THE_START, leaseOfRecord, newClaimRecord } from './claim-record';
export { finishWith, foreignPhase, localPhase, runAtomicPhases, toRecoveryPoint } from './atomic-phases';
export type { AtomicPhase, AtomicPhaseContext, PhaseOutcome } from './atomic-phases';
export { resumeStalledOperations } from './stalled-operations';
export type { StalledOperationsOptions, StalledOperationsReport } from './stalled-operations';
export { decideOnExistingRecord } from './claim-decision';
export type { ClaimDecision } from './claim-decision';
export type {
  ClaimRequest,
  ClaimResult,
  IdempotencyKeyStore,
  Lease,
  ResumePoint,
  StalledClaim,
  StalledClaimRequest,
} from './idempotency-key-store';
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
export { preferredWaitSeconds } from './prefer-wait';
export type { KeyCompletionSignal } from './key-completion-signal';
export { DEFAULT_MAX_SETTLEMENT_WAITERS, SettlementWaiters, settlementIdOf } from './settlement-waiters';
