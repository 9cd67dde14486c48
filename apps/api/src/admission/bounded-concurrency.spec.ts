import { BoundedConcurrency, ConcurrencyQueueFullError } from './bounded-concurrency';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('BoundedConcurrency(concurrency, queue)', () => {
  it('runs at most `concurrency` tasks at once, queues up to `queue`, and refuses the next at once', async () => {
    const slots = new BoundedConcurrency(1, 1);
    const first = gate();
    let running = 0;
    let most = 0;
    const task = (g: { opened: Promise<void> }) => async () => {
      most = Math.max(most, ++running);
      await g.opened;
      running--;
      return 'done';
    };
    const second = gate();
    const a = slots.run(task(first));
    const b = slots.run(task(second));
    await expect(slots.run(async () => 'never')).rejects.toBeInstanceOf(ConcurrencyQueueFullError);
    first.open();
    second.open();
    await expect(Promise.all([a, b])).resolves.toEqual(['done', 'done']);
    expect(most).toBe(1);
  });

  it('hands the slot on after a task fails', async () => {
    const slots = new BoundedConcurrency(1, 1);
    const failing = slots.run(async () => {
      throw new Error('boom');
    });
    const next = slots.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    await expect(slots.run(async () => 'free again')).resolves.toBe('free again');
  });
});
