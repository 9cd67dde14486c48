/**
 * The API processes behind the proxy, taken in turn (round-robin). Each request gets its own
 * order to try them in: its turn's upstream first, then the others, for fail-over when one
 * refuses the connection (a replica that is down or restarting).
 */
export class UpstreamPool {
  readonly upstreams: readonly URL[];
  #next = 0;

  constructor(origins: readonly string[]) {
    if (!origins.length) throw new RangeError('the proxy needs at least one upstream');
    this.upstreams = origins.map((origin) => {
      const url = new URL(origin);
      if (url.protocol !== 'http:') throw new RangeError(`upstream ${origin}: only http: is supported`);
      return url;
    });
  }

  /** The upstreams in the order one request should try them; advances the round-robin. */
  nextOrder(): URL[] {
    const start = this.#next;
    this.#next = (this.#next + 1) % this.upstreams.length;
    return [...this.upstreams.slice(start), ...this.upstreams.slice(0, start)];
  }
}
