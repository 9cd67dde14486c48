/** Thrown by {@link BoundedConcurrency.run} when every slot is busy and the queue is full. */
export class ConcurrencyQueueFullError extends Error {
  constructor() {
    super('every slot is busy and the queue is full');
  }
}

/**
 * At most `concurrency` tasks at once, at most `queue` more waiting in arrival order; a task
 * beyond those is refused at once ({@link ConcurrencyQueueFullError}) rather than queued without
 * end, so a flood is answered quickly instead of growing a backlog nobody will wait for.
 * (p-limit has no bounded queue; this is the whole of what we need.)
 */
export class BoundedConcurrency {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  /** Runs `task` in a slot, waiting for one if the queue has room. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw new ConcurrencyQueueFullError();
      // The slot is handed over by the finishing task, so `running` never drops in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
