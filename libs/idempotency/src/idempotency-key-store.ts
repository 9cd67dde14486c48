import type { RecoveryPoint, StoredResponse } from './idempotency-record';

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
  /**
   * The claiming request's trace context (a W3C `traceparent`, when the application traces),
   * kept with the key as an opaque string and handed to the recovery worker that resumes it, so
   * that its pass can link to the request's trace. Default: none.
   */
  traceParent?: string;
}

/** Proof of a successful claim; pass it to `complete` or `release`. */
export interface Lease {
  scope: string;
  key: string;
  /** Fencing token: the record accepts `complete`/`release` only while it still carries this token. */
  leaseToken: string;
  leaseExpiresAt: Date;
}

/** Where a claimed operation starts: from the beginning, or where an earlier holder left it. */
export interface ResumePoint {
  /** `started` for a new operation; a later point when a lapsed holder had advanced it. */
  recoveryPoint: RecoveryPoint;
  /** What the finished phases saved; null at `started`. */
  recoveryState: unknown;
}

/** The answer to a claim: run the operation, or answer without running it. */
export type ClaimResult =
  /**
   * Run the operation under `lease` from `resume`; `tookOver` is true when a lapsed or
   * retention-expired record was replaced. A lapsed holder's recovery point is kept (the same
   * request resumes there); a retention-expired record starts over.
   */
  | { outcome: 'claimed'; lease: Lease; tookOver: boolean; resume: ResumePoint }
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
   * Race-free claim: `claimKey` with the store's two statements (insert-or-read, and the
   * compare-and-set of a take-over). The claim commits on its own, before the operation runs, so
   * concurrent duplicates see it at once.
   */
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /**
   * Stores the response and marks the record completed, only if the record is running and still
   * carries `lease.leaseToken` (fencing); otherwise rejects with `LeaseLostError`. Adapters call it
   * inside the operation's own transaction so response and effects commit together.
   */
  complete(lease: Lease, response: StoredResponse): Promise<void>;
  /**
   * Records that a local phase committed: moves the running record to `recoveryPoint` with
   * `recoveryState`, only while it carries `lease.leaseToken` (else `LeaseLostError`). Adapters
   * call it inside the phase's own transaction, so the phase's writes and the new recovery point
   * commit together (payments.md §2).
   */
  advance(lease: Lease, recoveryPoint: RecoveryPoint, recoveryState: unknown): Promise<void>;
  /**
   * Gives the key up after the operation failed (5xx, thrown error, unknown outcome of a foreign
   * call), only while the record carries the lease token; a no-op otherwise. What is left of it
   * is `releasedRecord`'s rule: deleted when nothing committed, else kept at its recovery point
   * with its lease lapsed at `now` (default: the store's clock).
   */
  release(lease: Lease, now?: Date): Promise<void>;
  /**
   * For recovery workers: takes over up to `limit` running records at one of `recoveryPoints`
   * whose lease lapsed at least `lapsedForMs` before `now`, however old (holders that crashed, or
   * customers who never retried), giving each a new lease of `leaseMs`.
   * Records another worker is taking at the same moment are skipped, never waited for, so workers
   * in several processes share the work.
   */
  claimStalled(request: StalledClaimRequest): Promise<StalledClaim[]>;
  /**
   * For recovery workers: the earliest `leaseExpiresAt` among running records at one of
   * `recoveryPoints` (an operation's own, never `started` or `finished`), lapsed or not; undefined
   * when there is none. Adding the worker's recovery delay gives when the next stalled operation
   * falls due, or how long the oldest one has been overdue.
   */
  earliestLeaseExpiry(recoveryPoints: readonly RecoveryPoint[]): Promise<Date | undefined>;
  /**
   * Deletes records whose retention ended at `now` (`retentionEnded`: expired, and at one of
   * `RETENTION_APPLIES_AT`), at most `batchSize` (a positive integer), oldest expiry first.
   * Resolves to how many were deleted; call again while it equals `batchSize`.
   *
   * With `turn`, purgers sharing the store delete one at a time: the batch runs only if the turn
   * is free at `now` or already `turn.purgerId`'s, and a full batch keeps it for `turn.turnMs`
   * after `now` (a shorter one ends it). Another purger's batch then resolves to `undefined`,
   * deleting nothing. Without `turn`, the batch runs whoever holds it.
   */
  purgeExpired(now: Date, batchSize: number, turn?: PurgeTurn): Promise<number | undefined>;
}

/** What {@link IdempotencyKeyStore.claimStalled} looks for. */
export interface StalledClaimRequest {
  /** Only records at one of these points (an operation's own, never `started` or `finished`). */
  recoveryPoints: readonly RecoveryPoint[];
  /** How long a lease must have lapsed before a worker steps in, in ms. */
  lapsedForMs: number;
  /** The new lease, in ms. */
  leaseMs: number;
  /** At most this many records (a positive integer). */
  limit: number;
  now: Date;
}

/** A stalled operation a recovery worker now holds. */
export interface StalledClaim {
  lease: Lease;
  resume: ResumePoint;
  /** The trace context of the request that last claimed the key, when it carried one. */
  traceParent?: string;
}

/**
 * A purger's claim to delete alone, for {@link IdempotencyKeyStore.purgeExpired}: N processes
 * each purging a backlog at once would take N database backends from the requests beside them
 * (docs/benchmarks.md, "Cost as the key table grows").
 */
export interface PurgeTurn {
  /** The purger, the same for all its batches (a random UUID per purger). */
  purgerId: string;
  /**
   * How long a full batch keeps the turn, in ms: longer than a batch and the pause after it, so
   * that the turn passes on only when its purger is done, or has stopped (a crash, a slow batch).
   */
  turnMs: number;
}
