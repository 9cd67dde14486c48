import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry, ScheduleModule } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { finishWith, foreignPhase, Lease, StalledOperationsReport } from '@safe-checkout/idempotency';
import { InMemoryIdempotencyKeyStore } from '@safe-checkout/idempotency/testing';
import { Registry } from 'prom-client';
import { IDEMPOTENCY_MODULE_OPTIONS, ResolvedIdempotencyModuleOptions } from './idempotency-module-options';
import { IdempotencyModule } from './idempotency.module';
import { StalledOperationsWorker } from './stalled-operations.worker';
import { OutOfStockError, renderOutOfStock } from './testing/out-of-stock.error';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const LAPSED_FOR_MS = 60_000;

/** What the carrier does next: book, or refuse with this error. */
const carrier: { failure?: Error } = {};
const rounds: StalledOperationsReport[] = [];

const book = foreignPhase(
  'book carrier',
  'reserved',
  async () => {
    if (carrier.failure) throw carrier.failure;
    return 'booking-1';
  },
  async (state: { thingId: number }, booking: string) => finishWith({ status: 201, headers: {}, body: JSON.stringify({ ...state, booking }) }),
);

@Injectable()
class ShippingRecoveryWorker extends StalledOperationsWorker {
  constructor(@Inject(IDEMPOTENCY_MODULE_OPTIONS) idempotency: ResolvedIdempotencyModuleOptions) {
    super(idempotency, { phases: [book], lapsedForMs: LAPSED_FOR_MS, concurrency: 2, onRound: (round) => rounds.push(round) });
  }
}

async function startWorker(store: InMemoryIdempotencyKeyStore) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      IdempotencyModule.forRootAsync({
        useFactory: () => ({ store, scopeOf: () => undefined, renderFinalAnswer: renderOutOfStock, metricsRegistry: new Registry() }),
      }),
    ],
    providers: [ShippingRecoveryWorker],
  }).compile();
  return moduleRef.get(ShippingRecoveryWorker);
}

/** A key whose holder crashed after its first phase: running at `reserved`, lease lapsed at NOW. */
async function stalledKey(store: InMemoryIdempotencyKeyStore, key: string): Promise<Lease> {
  const claim = await store.claim({ scope: 'alice', key, fingerprint: 'f', leaseMs: 0, ttlMs: 86_400_000, now: NOW });
  if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
  await store.advance(claim.lease, 'reserved', { thingId: 1 });
  return claim.lease;
}

describe('StalledOperationsWorker', () => {
  beforeEach(() => {
    carrier.failure = undefined;
    rounds.length = 0;
  });

  it('schedules its drain once the application starts, with ScheduleModule', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ScheduleModule.forRoot(),
        IdempotencyModule.forRootAsync({
          useFactory: () => ({ store: new InMemoryIdempotencyKeyStore(), scopeOf: () => undefined, metricsRegistry: new Registry() }),
        }),
      ],
      providers: [ShippingRecoveryWorker],
    }).compile();
    const app = await moduleRef.createNestApplication({ logger: false }).init();
    try {
      expect(app.get(SchedulerRegistry).getIntervals()).toHaveLength(2); // the worker's and the key purge's
    } finally {
      await app.close();
    }
  });

  describe('drain(now)', () => {
    it('resumes a key due at `now` to the end, with the store of IdempotencyModule, and leaves one not yet due', async () => {
      const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
      await stalledKey(store, 'due-key-0000000001');
      const worker = await startWorker(store);

      const early = await worker.drain(new Date(NOW.getTime() + LAPSED_FOR_MS - 1));
      const due = await worker.drain(new Date(NOW.getTime() + LAPSED_FOR_MS));

      expect(early).toMatchObject({ finished: 0, stoppedBecause: 'nothing-due' });
      expect(due).toMatchObject({ finished: 1, failed: 0 });
      expect(store.get('alice', 'due-key-0000000001')).toMatchObject({
        state: 'completed',
        response: { status: 201, body: '{"thingId":1,"booking":"booking-1"}' },
      });
      expect(rounds).toHaveLength(1);
    });

    it('stores a final answer as the request path does, Content-Type with its charset', async () => {
      const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
      await stalledKey(store, 'final-key-00000001');
      carrier.failure = new OutOfStockError(0);
      const worker = await startWorker(store);

      await worker.drain(new Date(NOW.getTime() + LAPSED_FOR_MS));

      expect(store.get('alice', 'final-key-00000001')?.response).toMatchObject({
        status: 422,
        headers: { 'content-type': 'application/problem+json; charset=utf-8' },
      });
    });

    it('gives a key that fails again back at its recovery point, due again `lapsedForMs` after the drain', async () => {
      const store = new InMemoryIdempotencyKeyStore({ clock: () => NOW });
      await stalledKey(store, 'failing-key-000001');
      carrier.failure = new Error('carrier unavailable');
      const worker = await startWorker(store);
      const drainedAt = new Date(NOW.getTime() + LAPSED_FOR_MS);

      const report = await worker.drain(drainedAt);

      expect(report).toMatchObject({ finished: 0, failed: 1, stoppedBecause: 'all-failed' });
      expect(rounds[0].failed.map(({ error }) => String(error))).toEqual(['Error: carrier unavailable']);
      expect(store.get('alice', 'failing-key-000001')).toMatchObject({ state: 'running', recoveryPoint: 'reserved', leaseExpiresAt: drainedAt });
    });
  });
});
