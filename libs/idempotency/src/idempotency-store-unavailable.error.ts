/**
 * Thrown by store implementations when the store cannot be reached (connection refused, timeout,
 * pool exhausted). The original failure is kept in `cause`. The contract answers it with
 * 503 `idempotency-store-unavailable`: fail closed, never run the operation unrecorded.
 */
export class IdempotencyStoreUnavailableError extends Error {
  override readonly name = 'IdempotencyStoreUnavailableError';

  /**
   * @param message - what was being attempted; defaults to a generic message
   * @param options - `cause`: the underlying driver or network error
   */
  constructor(message = 'the idempotency key store is unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}
