import { finishWith, foreignPhase } from './atomic-phases';
import { drainStalledOperations, StalledOperationsDrainOptions } from './stalled-operations-drain';
import { InMemoryIdempotencyKeyStore } from './testing/in-memory-idempotency-key.store';

const NOW_MS = Date.parse('2030-01-01T00:00:00.000Z');
const LAPSED_FOR_MS = 60_000;
const PAID = { status: 201, headers: {}, body: '{}' };

/** `count` checkouts left at order_created by a crashed holder, due since `dueForMs`. */
async function stalledCheckouts(store: InMemoryIdempotencyKeyStore, count: number, dueForMs = 0): Promise<void> {
  for (let i = 0; i < count; i++) {
    const claimed = await store.claim({
      scope: 'u',
      key: `key-${i}`.padEnd(16, '-'),
      fingerprint: 'f',
      leaseMs: 1_000,
      ttlMs: 86_400_000,
      now: new Date(NOW_MS - LAPSED_FOR_MS - dueForMs - 1_000),
    });
    if (claimed.outcome !== 'claimed') throw new Error('setup: expected a claim');
    await store.advance(claimed.lease, 'order_created', { orderId: `o-${i}` });
  }
}

/** A checkout's charge phase around `charge`; records the largest number of charges in flight at once. */
function chargingPhases(charge: (orderId: string) => Promise<void>) {
  const seen = { inFlight: 0, maxInFlight: 0, charged: [] as string[] };
  const phases = [
    foreignPhase<{ orderId: string }, void>(
      'charge',
      'order_created',
      async ({ orderId }) => {
        seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
        try {
          await charge(orderId);
          seen.charged.push(orderId);
        } finally {
          seen.inFlight--;
        }
      },
      async () => finishWith(PAID),
    ),
  ];
  return { phases, seen };
}

function drainOptions(
  store: InMemoryIdempotencyKeyStore,
  overrides: Partial<StalledOperationsDrainOptions> & Pick<StalledOperationsDrainOptions, 'phases'>,
): StalledOperationsDrainOptions {
  return { store, lapsedForMs: LAPSED_FOR_MS, leaseMs: 30_000, concurrency: 4, runInTransaction: (work) => work(), ...overrides };
}

const aTick = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

describe('drainStalledOperations(options)', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW_MS }));
  afterEach(() => jest.useRealTimers());

  it('finishes a backlog many rounds long in one call, with never more than `concurrency` charges in flight', async () => {
    const store = new InMemoryIdempotencyKeyStore();
    await stalledCheckouts(store, 50);
    const { phases, seen } = chargingPhases(aTick);

    const drain = drainStalledOperations(drainOptions(store, { phases }));
    await jest.advanceTimersByTimeAsync(1_000);
    const report = await drain;

    expect(report).toMatchObject({ finished: 50, failed: 0, rounds: 13, stoppedBecause: 'nothing-due', nextDueAt: undefined });
    expect(seen.maxInFlight).toBe(4);
    expect(store.all().every((record) => record.state === 'completed')).toBe(true);
  });

  it('shares a backlog with a drain in another process: every key is charged once', async () => {
    const store = new InMemoryIdempotencyKeyStore();
    await stalledCheckouts(store, 40);
    const { phases, seen } = chargingPhases(aTick);

    const drains = Promise.all([drainStalledOperations(drainOptions(store, { phases })), drainStalledOperations(drainOptions(store, { phases }))]);
    await jest.advanceTimersByTimeAsync(1_000);
    const [first, second] = await drains;

    expect(first.finished + second.finished).toBe(40);
    expect(first.finished).toBeGreaterThan(0);
    expect(second.finished).toBeGreaterThan(0);
    expect([...seen.charged].sort()).toEqual([...new Set(seen.charged)].sort());
    expect(seen.charged).toHaveLength(40);
  });

  it('starts no round while the provider asks to wait, then probes with one charge and doubles the window after each clean round', async () => {
    const store = new InMemoryIdempotencyKeyStore();
    await stalledCheckouts(store, 16);
    let holdUntilMs = 0;
    const { phases, seen } = chargingPhases(async (orderId) => {
      await aTick();
      if (orderId === 'o-0') {
        holdUntilMs = Date.now() + 5_000; // 503 with Retry-After: 5
        throw new Error('provider unavailable');
      }
    });
    const rounds: number[] = [];

    const drain = drainStalledOperations(
      drainOptions(store, {
        phases,
        holdOffMs: () => Math.max(0, holdUntilMs - Date.now()),
        onRound: (round) => rounds.push(round.finished.length + round.failed.length),
      }),
    );
    await jest.advanceTimersByTimeAsync(4_900);
    expect(seen.charged).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(1_000);
    const report = await drain;

    expect(rounds).toEqual([4, 1, 2, 4, 4, 1]);
    expect(report).toMatchObject({ finished: 15, failed: 1, stoppedBecause: 'nothing-due' });
    // The failed key was given back and falls due CHECKOUT_RECOVERY_AFTER later, not in this drain.
    expect(report.nextDueAt?.getTime()).toBeGreaterThanOrEqual(NOW_MS + LAPSED_FOR_MS);
  });

  it('reports how long the oldest due key has waited before every round, and 0 once none is due', async () => {
    const store = new InMemoryIdempotencyKeyStore();
    await stalledCheckouts(store, 6, 3_000);
    const ages: number[] = [];

    const report = await drainStalledOperations(
      drainOptions(store, { phases: chargingPhases(async () => undefined).phases, onOldestDueAge: (ageMs) => ages.push(ageMs) }),
    );

    expect(ages).toEqual([3_000, 3_000, 0]);
    expect(report).toMatchObject({ finished: 6, rounds: 2 });
  });

  it('stops after a round in which every charge failed, leaving the keys at their recovery point for a later drain', async () => {
    const store = new InMemoryIdempotencyKeyStore();
    await stalledCheckouts(store, 10);
    const down = chargingPhases(async () => Promise.reject(new Error('provider unavailable')));

    const report = await drainStalledOperations(drainOptions(store, { phases: down.phases, lapsedForMs: 0 }));

    expect(report).toMatchObject({ finished: 0, failed: 4, rounds: 1, stoppedBecause: 'all-failed' });
    expect(store.all().filter((record) => record.state === 'running' && record.recoveryPoint === 'order_created')).toHaveLength(10);
  });

  it('leaves keys that are not due yet alone and says when the first falls due', async () => {
    const store = new InMemoryIdempotencyKeyStore();
    await stalledCheckouts(store, 2, -2_500);
    const report = await drainStalledOperations(drainOptions(store, { phases: chargingPhases(async () => undefined).phases }));
    expect(report).toMatchObject({ finished: 0, rounds: 0, stoppedBecause: 'nothing-due' });
    expect(report.nextDueAt?.getTime()).toBe(NOW_MS + 2_500);
  });

  it('drives each key inside `aroundResume`, which is given the claim with the trace context its request carried', async () => {
    const store = new InMemoryIdempotencyKeyStore();
    const claimed = await store.claim({
      scope: 'u',
      key: 'traced-key-00001',
      fingerprint: 'f',
      leaseMs: 1_000,
      ttlMs: 86_400_000,
      now: new Date(NOW_MS - 70_000),
      traceParent: 'tp-1',
    });
    if (claimed.outcome !== 'claimed') throw new Error('setup: expected a claim');
    await store.advance(claimed.lease, 'order_created', { orderId: 'o-1' });
    const seen: string[] = [];

    await drainStalledOperations(
      drainOptions(store, {
        phases: chargingPhases(async (orderId) => void seen.push(`charged ${orderId}`)).phases,
        aroundResume: async (claim, drive) => {
          seen.push(`around ${claim.traceParent} from ${claim.resume.recoveryPoint}`);
          const ended = await drive();
          seen.push(`ended ${ended.end}`);
          return ended;
        },
      }),
    );

    expect(seen).toEqual(['around tp-1 from order_created', 'charged o-1', 'ended completed']);
  });
});
