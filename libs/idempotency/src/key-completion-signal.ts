/**
 * Tells requests waiting on a key (`Prefer: wait`, http-contract.md) that its holder finished or gave it
 * up, so a duplicate of a running request can wait for the first one's answer instead of polling.
 * Waiting must hold no database connection. Implementations: PostgreSQL `LISTEN/NOTIFY` in
 * `@safe-checkout/idempotency-prisma` (across API processes), and the in-memory store's own.
 */
export interface KeyCompletionSignal {
  /**
   * Resolves `true` when the key (scope, key) is completed or released, `false` when `timeoutMs`
   * passes first, or early when the signal cannot take another waiter (it bounds them) or cannot
   * wake one now (e.g. no LISTEN in place): the caller then polls the key. A `true` is a hint to
   * claim again, not a promise: the caller re-reads the key.
   */
  waitForSettlement(scope: string, key: string, timeoutMs: number): Promise<boolean>;
}
