/**
 * Concurrent lookups of one key share one call: the first starts it, those that ask while it is
 * in flight get its promise, and the next one after it settles starts a new call. Nothing is kept
 * once settled, so an answer is never older than one call's duration before the request that
 * reads it arrived: unlike a cache, there is no staleness to choose and nothing to invalidate.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /** `lookup()`'s promise for `key`, shared with every caller asking while it is in flight. */
  run(key: string, lookup: () => Promise<T>): Promise<T> {
    const shared = this.inFlight.get(key);
    if (shared) return shared;
    const started = lookup().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Calls in flight now. */
  get size(): number {
    return this.inFlight.size;
  }
}
