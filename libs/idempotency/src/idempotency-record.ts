/** `running` while the operation executes under a lease; `completed` once its response is stored. */
export type IdempotencyRecordState = 'running' | 'completed';

/** A response exactly as first sent, replayed byte for byte. */
export interface StoredResponse {
  /** HTTP status code. */
  status: number;
  /** Allow-listed headers only (see `pickReplayableHeaders`), lower-case names. */
  headers: Record<string, string>;
  /** The exact body sent, as UTF-8 text (JSON). */
  body: string;
}

/**
 * Where a multi-phase operation stands (payments.md §2): the name of the phase to run next.
 * Every record starts at {@link STARTED} and ends at {@link FINISHED} when its response is stored;
 * a one-phase operation goes straight from one to the other.
 */
export type RecoveryPoint = string;

/** The recovery point of a freshly claimed key: nothing of the operation has committed yet. */
export const STARTED: RecoveryPoint = 'started';
/** The recovery point of a completed key: the response is stored and replayed. */
export const FINISHED: RecoveryPoint = 'finished';

/** What a store keeps per (scope, key). */
export interface IdempotencyRecord {
  /** The user id: keys are scoped by user, so two users' identical keys never meet. */
  scope: string;
  /** The idempotency key, as parsed from the header. */
  key: string;
  /** `fingerprintRequest` of the request that claimed the key. */
  fingerprint: string;
  state: IdempotencyRecordState;
  /** Fencing token: a new UUID on every claim and take-over; only its holder may complete. */
  leaseToken: string;
  /** When the running holder is presumed dead and the key may be taken over. */
  leaseExpiresAt: Date;
  /** The phase to run next; {@link STARTED} until a local phase advances it, {@link FINISHED} once completed. */
  recoveryPoint: RecoveryPoint;
  /** What the finished phases saved for the next ones (JSON, e.g. the order id); null at {@link STARTED}. */
  recoveryState: unknown;
  /** Set when completed; null while running. */
  response: StoredResponse | null;
  createdAt: Date;
  /** createdAt + retention TTL; from then on the key is treated as new and may be purged. */
  expiresAt: Date;
  /** The claiming request's trace context (`ClaimRequest.traceParent`), opaque; absent when it carried none. */
  traceParent?: string;
}
