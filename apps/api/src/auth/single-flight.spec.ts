import { SingleFlight } from './single-flight';

/** A lookup that settles when the test says so, counting its calls. */
function controlledLookup() {
  const calls: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  const lookup = () => new Promise<string>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, lookup };
}

describe('SingleFlight.run(key, lookup)', () => {
  it('gives callers of one key who ask while a lookup is in flight that lookup’s answer, with one call', async () => {
    const flights = new SingleFlight<string>();
    const { calls, lookup } = controlledLookup();
    const answers = Promise.all([flights.run('a', lookup), flights.run('a', lookup), flights.run('a', lookup)]);
    expect(calls).toHaveLength(1);
    calls[0].resolve('row');
    await expect(answers).resolves.toEqual(['row', 'row', 'row']);
  });

  it('runs a lookup of its own for each key', () => {
    const flights = new SingleFlight<string>();
    const { calls, lookup } = controlledLookup();
    void flights.run('a', lookup);
    void flights.run('b', lookup);
    expect(calls).toHaveLength(2);
  });

  it('keeps nothing once the lookup settled: the next caller starts a new one', async () => {
    const flights = new SingleFlight<string>();
    const { calls, lookup } = controlledLookup();
    const first = flights.run('a', lookup);
    calls[0].resolve('old');
    await first;
    const second = flights.run('a', lookup);
    expect(calls).toHaveLength(2);
    calls[1].resolve('new');
    await expect(second).resolves.toBe('new');
    expect(flights.size).toBe(0);
  });

  it('rejects every sharing caller when the lookup fails, and the next caller tries again', async () => {
    const flights = new SingleFlight<string>();
    const { calls, lookup } = controlledLookup();
    const sharing = [flights.run('a', lookup), flights.run('a', lookup)];
    calls[0].reject(new Error('database unreachable'));
    for (const caller of sharing) await expect(caller).rejects.toThrow('database unreachable');
    void flights.run('a', lookup);
    expect(calls).toHaveLength(2);
  });
});
