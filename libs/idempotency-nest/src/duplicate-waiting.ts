import { ClaimResult, KeySettledSignal } from '@safe-checkout/idempotency';
import { BackoffOptions, proportionalJitterDelay, RandomSource } from '@safe-checkout/retrying-client/backoff';

/** How long a server lets a duplicate wait at most, whatever `Prefer: wait` asks, in seconds. */
export const DEFAULT_MAX_PREFER_WAIT_SECONDS = 10;
/** Most duplicates one process lets wait at once; beyond them, 409 at once. */
export const DEFAULT_MAX_WAITING_DUPLICATES = 1000;

/**
 * How a duplicate that waits polls the key when no signal can wake it (no LISTEN/NOTIFY,
 * docs/scale.md): 50 ms first, since most operations finish in milliseconds, then doubling up to
 * 500 ms, which bounds how late a waiter learns of the answer.
 */
export const KEY_POLL_BACKOFF: Readonly<BackoffOptions> = { baseDelayMs: 50, maxDelayMs: 500 };

// With a signal, the key is still re-read this often: a notification sent while the listener was
// reconnecting is lost, and a holder that died sends none (its lease lapses instead).
const RECHECK_WITH_SIGNAL_MS = 1_000;

/** What {@link DuplicateWaiting} needs. */
export interface DuplicateWaitingOptions {
  /** Wakes waiters when a key settles; without one, or when it cannot wake them now, the key is polled. */
  signal?: KeySettledSignal;
  /** Longest wait granted, in seconds, whatever `Prefer: wait` asks. */
  maxWaitSeconds: number;
  /** Most duplicates of this process that wait at once: the one bound on waiters; beyond it, 409 at once. */
  maxWaiting: number;
  /** Where the duplicates waiting now are counted, shared with other ways of waiting (HeldKeys); by default this instance's own. */
  count?: { waiting: number };
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
  private readonly count: { waiting: number };
  // Re-claims in flight, by key and request: duplicates woken together share one round trip.
  private readonly reclaims = new Map<string, Promise<ClaimResult>>();

  constructor(private readonly options: DuplicateWaitingOptions) {
    this.count = options.count ?? { waiting: 0 };
  }

  /** How many duplicates wait now, in this process. */
  get size(): number {
    return this.count.waiting;
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
    const deadline = Date.now() + Math.min(preferredWaitSeconds, this.options.maxWaitSeconds) * 1000;
    let claim: ClaimResult = first;
    for (let poll = 1; claim.outcome === 'in-progress' && this.count.waiting < this.options.maxWaiting; poll++) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) break;
      this.count.waiting++;
      try {
        await this.pause(scope, key, remainingMs, poll);
      } finally {
        this.count.waiting--;
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
      if (await signal.waitUntilSettled(scope, key, timeoutMs)) return;
      // A signal that cannot wake the waiter (no LISTEN in place) answers early:
      // poll instead of spinning.
      if (Date.now() - started >= timeoutMs) return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(remainingMs, keyPollDelayMs(poll))));
  }
}

/**
 * The `wait` preference of an RFC 7240 `Prefer` request header, in seconds: how long the client is
 * willing to wait for a final answer. Several `Prefer` lines, other preferences (`respond-async`,
 * `return=minimal`) and parameters are allowed; the first `wait` counts. Undefined when there is
 * none or its value is not delta-seconds (a non-negative integer).
 *
 * @param raw - the header as Node delivers it (`req.headersDistinct.prefer` or `req.headers.prefer`)
 * @example
 * preferredWaitSeconds('respond-async, wait=10'); // → 10
 */
export function preferredWaitSeconds(raw: string | string[] | undefined): number | undefined {
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const preference of lines.flatMap((line) => line.split(','))) {
    const [token, value] = preference
      .split(';')[0]
      .split('=')
      .map((part) => part.trim());
    if (token.toLowerCase() !== 'wait' || value === undefined) continue;
    const unquoted = value.replace(/^"(.*)"$/, '$1');
    return /^\d{1,9}$/.test(unquoted) ? Number(unquoted) : undefined;
  }
  return undefined;
}

/**
 * The pause before poll `poll` (1-based) of a waiting duplicate, in milliseconds: the cap of
 * {@link KEY_POLL_BACKOFF} ±25 % (proportional jitter), so duplicates that arrived together (a
 * retry storm) spread their claims instead of reading the key in lockstep.
 *
 * @example
 * keyPollDelayMs(1, () => 0.5); // 50
 * keyPollDelayMs(9, () => 0); // 375: the 500 ms cap, −25 %
 */
export function keyPollDelayMs(poll: number, random: RandomSource = Math.random): number {
  return proportionalJitterDelay(poll, KEY_POLL_BACKOFF, random);
}
