/**
 * Thrown by {@link IdempotencyKeyStore.complete} when the caller's lease token no longer holds the
 * record: its lease lapsed and another request took the key over, or the record was released or
 * purged. The caller must roll back its operation's transaction; the current holder answers instead.
 */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';

  /**
   * @param scope - the scope (user id) of the key whose lease was lost
   * @param key - the idempotency key whose lease was lost
   */
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    // The lease token is deliberately left out: messages end up in logs.
    super(`lost the lease on idempotency key ${JSON.stringify(key)} of scope ${JSON.stringify(scope)}`);
  }
}
