import { ClaimResult, KeyCompletionSignal } from '@safe-checkout/idempotency';
import { keyPollDelayMs } from './key-poll-delay';

/** How long a server lets a duplicate wait at most, whatever `Prefer: wait` asks, in seconds. */
export const DEFAULT_MAX_PREFER_WAIT_SECONDS = 10;
/** Most duplicates one process lets wait at once; beyond them, 409 at once. */
export const DEFAULT_MAX_WAITING_DUPLICATES = 1000;

// With a signal, the key is still re-read this often: a notification sent while the listener was
// reconnecting is lost, and a holder that died sends none (its lease lapses instead).
const RECHECK_WITH_SIGNAL_MS = 1_000;

/** What {@link DuplicateWaiting} needs. */
export interface DuplicateWaitingOptions {
  /** Wakes waiters when a key settles; without one, or when it refuses a waiter, the key is polled. */
  signal?: KeyCompletionSignal;
  maxWaitSeconds?: number;
  maxWaiting?: number;
}

/**
 * Lets a request whose key is in progress wait for the first request's answer (RFC 7240
 * `Prefer: wait=N`, http-contract.md) instead of answering 409 and being polled by the client: up to
 * min(N, a server cap), bounded in number, holding no database connection while it waits (only a
 * timer, woken by the signal, or expiring after {@link keyPollDelayMs} when there is no signal to
 * wake it). The key is claimed again after each wake-up, so the duplicate gets the replay, a
 * take-over of a dead holder's lapsed lease, or, when time runs out, the 409.
 */
export class DuplicateWaiting {
  private waiting = 0;
  // Re-claims in flight, by key and request: duplicates woken together share one round trip.
  private readonly reclaims = new Map<string, Promise<ClaimResult>>();
  private readonly maxWaitMs: number;
  private readonly maxWaiting: number;

  constructor(private readonly options: DuplicateWaitingOptions = {}) {
    this.maxWaitMs = (options.maxWaitSeconds ?? DEFAULT_MAX_PREFER_WAIT_SECONDS) * 1000;
    this.maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING_DUPLICATES;
  }

  /** How many duplicates wait now, in this process. */
  get size(): number {
    return this.waiting;
  }

  /**
   * Claims again until the key is no longer in progress or `preferredWaitSeconds` (capped) ran
   * out. `first` is the claim that found the key in progress.
   */
  async untilSettled(
    first: ClaimResult,
    preferredWaitSeconds: number | undefined,
    request: { scope: string; key: string; fingerprint: string },
    claimAgain: () => Promise<ClaimResult>,
  ): Promise<ClaimResult> {
    const { scope, key } = request;
    if (first.outcome !== 'in-progress' || !preferredWaitSeconds) return first;
    const deadline = Date.now() + Math.min(preferredWaitSeconds * 1000, this.maxWaitMs);
    let claim: ClaimResult = first;
    for (let poll = 1; claim.outcome === 'in-progress' && this.waiting < this.maxWaiting; poll++) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) break;
      this.waiting++;
      try {
        await this.pause(scope, key, remainingMs, poll);
      } finally {
        this.waiting--;
      }
      claim = await this.reclaim(`${request.fingerprint} ${JSON.stringify([scope, key])}`, claimAgain);
    }
    return claim;
  }

  // 200 duplicates woken by one NOTIFY would otherwise queue 200 claims on the database pool, and
  // the last would answer long after the first. One claim per process serves them all when it is
  // a replay (or still in progress); a take-over is never shared: only one request may hold a lease.
  private reclaim(id: string, claimAgain: () => Promise<ClaimResult>): Promise<ClaimResult> {
    const pending = this.reclaims.get(id);
    if (pending) return pending.then((shared) => (shared.outcome === 'claimed' ? claimAgain() : shared));
    const claim = claimAgain().finally(() => this.reclaims.delete(id));
    this.reclaims.set(id, claim);
    return claim;
  }

  private async pause(scope: string, key: string, remainingMs: number, poll: number): Promise<void> {
    const signal = this.options.signal;
    if (signal) {
      const timeoutMs = Math.min(remainingMs, RECHECK_WITH_SIGNAL_MS);
      const started = Date.now();
      if (await signal.waitForSettlement(scope, key, timeoutMs)) return;
      // A signal that refused the waiter (its own bound, or no LISTEN in place) answers early:
      // poll instead of spinning.
      if (Date.now() - started >= timeoutMs) return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(remainingMs, keyPollDelayMs(poll))));
  }
}
