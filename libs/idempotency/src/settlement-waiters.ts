import { createHash } from 'node:crypto';

/** Most requests one process lets wait on keys at once; beyond it they get 409 at once. */
export const DEFAULT_MAX_SETTLEMENT_WAITERS = 1000;

/**
 * The waiters of one process, by key: a bounded set of timers, no connections. A
 * {@link KeyCompletionSignal} adds them and settles them when it learns that a key finished.
 */
export class SettlementWaiters {
  private readonly waiting = new Map<string, Set<(settled: boolean) => void>>();
  private count = 0;

  constructor(private readonly maxWaiters = DEFAULT_MAX_SETTLEMENT_WAITERS) {}

  /** Waits up to `timeoutMs` for {@link settle} of `id`; `false` at once when the bound is reached. */
  wait(id: string, timeoutMs: number): Promise<boolean> {
    if (this.count >= this.maxWaiters || timeoutMs <= 0) return Promise.resolve(false);
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
export function settlementIdOf(scope: string, key: string): string {
  return createHash('sha256').update(`${scope}\u001f${key}`, 'utf8').digest('hex');
}
