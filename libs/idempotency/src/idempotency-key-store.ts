import type { StoredResponse } from './idempotency-record';

/** A request to claim a key before running its operation. */
export interface ClaimRequest {
  /** The user id the key belongs to. */
  scope: string;
  key: string;
  /** `fingerprintRequest` of the request. */
  fingerprint: string;
  /** Lease to take, in milliseconds; usually `DEFAULT_IDEMPOTENCY_LEASE_MS` (30 000). */
  leaseMs: number;
  /** Retention of a new record, in milliseconds; usually `DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS` × 1000. */
  ttlMs: number;
  /** The claim's time; defaults to the store's clock. */
  now?: Date;
}

/** Proof of a successful claim; pass it to `complete` or `release`. */
export interface Lease {
  scope: string;
  key: string;
  /** Fencing token: the record accepts `complete`/`release` only while it still carries this token. */
  leaseToken: string;
  leaseExpiresAt: Date;
}

/** The answer to a claim: run the operation, or answer without running it. */
export type ClaimResult =
  /** Run the operation under `lease`; `tookOver` is true when a lapsed or retention-expired record was replaced. */
  | { outcome: 'claimed'; lease: Lease; tookOver: boolean }
  /** Send the stored response with `Idempotent-Replayed: true`. */
  | { outcome: 'replay'; response: StoredResponse }
  /** 409 `idempotency-request-in-progress` with this `Retry-After`, in seconds. */
  | { outcome: 'in-progress'; retryAfterSeconds: number }
  /** 422 `idempotency-key-reused`. */
  | { outcome: 'mismatch' };

/**
 * Where idempotency records live. Implementations: `InMemoryIdempotencyKeyStore` (tests, from
 * `@safe-checkout/idempotency/testing`) and the Prisma store. Every method rejects with
 * `IdempotencyStoreUnavailableError` when the store cannot be reached.
 */
export interface IdempotencyKeyStore {
  /**
   * Race-free claim: inserts a running record if none exists (relying on a unique constraint,
   * never check-then-act), else applies `decideOnExistingRecord`. A take-over replaces the record
   * as if newly claimed (new fingerprint, lease token, createdAt, expiresAt; no response) by a
   * compare-and-set on the old `leaseToken`; if the compare-and-set loses, or the record vanished
   * meanwhile, the store re-reads and decides again. The claim commits on its own, before the
   * operation runs, so concurrent duplicates see it at once.
   */
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /**
   * Stores the response and marks the record completed, only if the record is running and still
   * carries `lease.leaseToken` (fencing); otherwise rejects with `LeaseLostError`. Adapters call it
   * inside the operation's own transaction so response and effects commit together.
   */
  complete(lease: Lease, response: StoredResponse): Promise<void>;
  /**
   * Frees the key after the operation failed (5xx, thrown error, nothing committed): deletes the
   * record if it is running and still carries the lease token; a no-op otherwise.
   */
  release(lease: Lease): Promise<void>;
  /**
   * Deletes records whose `expiresAt <= now`, running or completed, at most `batchSize` (a positive
   * integer), oldest expiry first. Resolves to how many were deleted; call again while it equals
   * `batchSize`.
   */
  purgeExpired(now: Date, batchSize: number): Promise<number>;
}
