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
  /** Set when completed; null while running. */
  response: StoredResponse | null;
  createdAt: Date;
  /** createdAt + retention TTL; from then on the key is treated as new and may be purged. */
  expiresAt: Date;
}
