/** Buckets remembered at most; beyond it the oldest are forgotten (they are asked of the database again). */
export const REFUSAL_MEMO_MAX_BUCKETS = 10_000;

/**
 * The buckets this process already saw over their limit, each until its window ends. A fixed
 * window never grows and its count only rises, so a bucket refused once stays refused until the
 * window ends, in every process: answering those hits from memory is exact, and turns a flood's
 * refusals (a one-address flood of 114 wrong logins/s, docs/capacity.md) into answers that cost no database statement. The
 * database stays the only judge of admission; this only remembers its refusals.
 */
export class RefusalMemo {
  private readonly refusedUntilMs = new Map<string, number>();

  constructor(private readonly maxBuckets = REFUSAL_MEMO_MAX_BUCKETS) {}

  /** Milliseconds until `bucket`'s remembered refusal ends, or 0 when none is remembered. */
  remainingMs(bucket: string, nowMs = Date.now()): number {
    const until = this.refusedUntilMs.get(bucket);
    if (until === undefined) return 0;
    if (until > nowMs) return until - nowMs;
    this.refusedUntilMs.delete(bucket);
    return 0;
  }

  /** Remembers that `bucket` is refused for `forMs` more milliseconds. */
  remember(bucket: string, forMs: number, nowMs = Date.now()): void {
    this.refusedUntilMs.delete(bucket);
    this.refusedUntilMs.set(bucket, nowMs + forMs);
    // Map keeps insertion order: the first entries are the oldest refusals, the first to forget.
    for (const oldest of this.refusedUntilMs.keys()) {
      if (this.refusedUntilMs.size <= this.maxBuckets) break;
      this.refusedUntilMs.delete(oldest);
    }
  }
}
