/** Buckets counted at most; beyond it the oldest windows are forgotten (they start again at 0). */
export const PROCESS_WINDOW_COUNTERS_MAX_BUCKETS = 10_000;

/** What one hit on an in-process counter came to. */
export interface ProcessCounterHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends and the counter starts again. */
  resetInMs: number;
}

/**
 * Fixed-window counters in this process's memory, for limits that protect the process itself
 * (its CPU), where a database statement per hit would cost more than what it protects: a hit is
 * a map lookup. Like the shared counters (admission-counters.ts), a window starts with its first
 * hit and never grows. Bounded: a flood of distinct buckets forgets the oldest windows first.
 */
export class ProcessWindowCounters {
  private readonly windows = new Map<string, { hits: number; endsAtMs: number }>();

  constructor(private readonly maxBuckets = PROCESS_WINDOW_COUNTERS_MAX_BUCKETS) {}

  /** Counts one hit on `bucket` in a window of `windowMs` that starts with the first hit. */
  hit(bucket: string, windowMs: number, nowMs = Date.now()): ProcessCounterHit {
    let window = this.windows.get(bucket);
    if (!window || window.endsAtMs <= nowMs) {
      this.windows.delete(bucket);
      window = { hits: 0, endsAtMs: nowMs + windowMs };
      this.windows.set(bucket, window);
      this.forgetOldest();
    }
    window.hits++;
    return { hits: window.hits, resetInMs: window.endsAtMs - nowMs };
  }

  // Map keeps insertion order and a new window is inserted last: the first entries started first.
  private forgetOldest(): void {
    for (const oldest of this.windows.keys()) {
      if (this.windows.size <= this.maxBuckets) break;
      this.windows.delete(oldest);
    }
  }
}
