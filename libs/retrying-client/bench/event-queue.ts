/** An event of a discrete-event simulation: something happens to `actor` at `atMs`. */
export interface SimEvent<T> {
  atMs: number;
  payload: T;
}

/**
 * A binary min-heap of events by time; events at the same time come out in insertion order,
 * so a seeded simulation always replays identically.
 */
export class EventQueue<T> {
  readonly #heap: { atMs: number; seq: number; payload: T }[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(atMs: number, payload: T): void {
    const heap = this.#heap;
    heap.push({ atMs, seq: this.#seq++, payload });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  pop(): SimEvent<T> | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      this.#sinkFrom(0);
    }
    return { atMs: top.atMs, payload: top.payload };
  }

  #sinkFrom(start: number): void {
    const heap = this.#heap;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.#before(left, smallest)) smallest = left;
      if (right < heap.length && this.#before(right, smallest)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  }

  #before(a: number, b: number): boolean {
    const x = this.#heap[a];
    const y = this.#heap[b];
    return x.atMs < y.atMs || (x.atMs === y.atMs && x.seq < y.seq);
  }
}
