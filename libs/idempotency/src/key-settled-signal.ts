import { createHash } from 'node:crypto';

/**
 * Tells requests waiting on a key (`Prefer: wait`, http-contract.md) that it settled: its holder
 * completed it or released it, so a duplicate of a running request can wait for the first one's
 * answer instead of polling. Waiting must hold no database connection. Implementations:
 * PostgreSQL `LISTEN/NOTIFY` in `@safe-checkout/idempotency-prisma` (across API processes), and
 * the in-memory store's own.
 */
export interface KeySettledSignal {
  /**
   * Resolves `true` when the key (scope, key) settles, `false` when `timeoutMs` passes first, or
   * early when the signal cannot wake a waiter now (e.g. no LISTEN in place): the caller then
   * polls the key. A `true` is a hint to claim again, not a promise: the caller re-reads the key.
   */
  waitUntilSettled(scope: string, key: string, timeoutMs: number): Promise<boolean>;
}

/**
 * The waiters of one {@link KeySettledSignal}, by key: a timer each, no connections. The signal
 * adds them and wakes them when it learns that a key settled. How many may wait is bounded by
 * whoever lets requests wait (the NestJS layer's `maxWaitingDuplicates`), not here.
 */
export class SettledKeyWaiters {
  private readonly waiting = new Map<string, Set<(settled: boolean) => void>>();
  private count = 0;

  /** Waits up to `timeoutMs` for {@link settle} of `id`. */
  wait(id: string, timeoutMs: number): Promise<boolean> {
    if (timeoutMs <= 0) return Promise.resolve(false);
    this.count++;
    return new Promise((resolve) => {
      const waiters = this.waiting.get(id) ?? new Set();
      this.waiting.set(id, waiters);
      const done = (settled: boolean) => {
        clearTimeout(timer);
        if (!waiters.delete(done)) return;
        this.count--;
        if (waiters.size === 0 && this.waiting.get(id) === waiters) this.waiting.delete(id);
        resolve(settled);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref?.();
      waiters.add(done);
    });
  }

  /** Wakes every waiter of `id` with `true`. */
  settle(id: string): void {
    for (const done of [...(this.waiting.get(id) ?? [])]) done(true);
  }

  /** Wakes every waiter with `false` (shutdown). */
  clear(): void {
    for (const waiters of [...this.waiting.values()]) for (const done of [...waiters]) done(false);
  }

  /** How many requests wait now. */
  get size(): number {
    return this.count;
  }
}

/**
 * A fixed-length id of (scope, key) for notifications: PostgreSQL's NOTIFY payload is short and
 * public to every listener of the channel, so it carries a hash, not the key. SHA-256 (hex) of
 * `scope`, U+001F, `key`: keys are visible ASCII, so the separator cannot occur in one; the
 * migration `20261130120000_key_settled_notify` computes the same in SQL.
 */
export function settledKeyId(scope: string, key: string): string {
  return createHash('sha256').update(`${scope}\u001f${key}`, 'utf8').digest('hex');
}
