// The key store's hot path, in this run: the same claim → advance → complete, through Prisma's
// raw queries ("before") and on node-postgres, the pool and the transaction's own connection
// ("after", as the API is wired), next to the same two transactions with no store statement
// ("floor"). Measured in the bench's
// own process, where the store runs, as CPU per checkout; nothing else runs meanwhile.
import { randomUUID } from 'node:crypto';
import { createPrismaClient, PrismaClient, transactionConnectionsOf } from '@safe-checkout/db';
import { fingerprintRequest } from '@safe-checkout/idempotency';
import type { IdempotencyKeyStore } from '@safe-checkout/idempotency';
import { asyncLocalTransactionHost, PrismaIdempotencyKeyStore, transactionalKeyStore } from '@safe-checkout/idempotency-prisma';
import { median } from './report-format';

/** Checkouts' worth of store calls per variant and round. */
const CALLS_PER_ROUND = 300;
const ROUNDS = 5;

export type StoreVariant = 'prisma' | 'nodePostgres' | 'floor';

/** CPU ms of this process per checkout's store calls, median of rounds, by variant. */
export type StoreStatementsResult = Record<StoreVariant, number> & { rounds: number; calls: number };

/** One checkout's worth of store calls (or, for the floor, of its bare transactions) under `scope`. */
type StoreCheckout = (scope: string) => Promise<void>;

export async function measureStoreStatements(databaseUrl: string): Promise<StoreStatementsResult> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
  try {
    const host = asyncLocalTransactionHost(prisma);
    const run = host.withTransaction;
    const wired = transactionalKeyStore(prisma, host, transactionConnectionsOf(prisma));
    const variants: Record<StoreVariant, StoreCheckout> = {
      prisma: storeCheckout(new PrismaIdempotencyKeyStore(prisma, { currentClient: () => host.tx }), run),
      nodePostgres: storeCheckout(wired.store, wired.runInTransaction),
      floor: async () => {
        await run(async () => undefined);
        await run(async () => undefined);
      },
    };
    const order: StoreVariant[] = ['prisma', 'nodePostgres', 'floor'];
    for (const name of order) await cpuPerCheckout(variants[name], prisma, 50); // warm-up
    const samples: Record<StoreVariant, number[]> = { prisma: [], nodePostgres: [], floor: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Each round in another order, so that drift does not land on one variant.
      for (const name of round % 2 ? [...order].reverse() : order) samples[name].push(await cpuPerCheckout(variants[name], prisma, CALLS_PER_ROUND));
    }
    return { prisma: median(samples.prisma), nodePostgres: median(samples.nodePostgres), floor: median(samples.floor), rounds: ROUNDS, calls: CALLS_PER_ROUND };
  } finally {
    await prisma.$disconnect();
  }
}

const FINGERPRINT = fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: { bench: true } });

// A checkout's store calls, one after the other: the claim, then a transaction that advances the
// key (the order's), then one that completes it (the payment's).
function storeCheckout(store: IdempotencyKeyStore, runInTransaction: <T>(work: () => Promise<T>) => Promise<T>): StoreCheckout {
  return async (scope) => {
    const claimed = await store.claim({ scope, key: randomUUID(), fingerprint: FINGERPRINT, leaseMs: 30_000, ttlMs: 60_000 });
    if (claimed.outcome !== 'claimed') throw new Error(`store bench: a fresh key was not claimed (${claimed.outcome})`);
    await runInTransaction(() => store.advance(claimed.lease, 'order_created', { orderId: randomUUID() }));
    await runInTransaction(() => store.complete(claimed.lease, { status: 201, headers: {}, body: '{"bench":true}' }));
  };
}

/** CPU ms of this process per checkout, over `checkouts` in a row; the keys are deleted afterwards. */
async function cpuPerCheckout(checkout: StoreCheckout, prisma: PrismaClient, checkouts: number): Promise<number> {
  const scope = randomUUID();
  const started = process.cpuUsage();
  for (let i = 0; i < checkouts; i++) await checkout(scope);
  const used = process.cpuUsage(started);
  await prisma.idempotencyKey.deleteMany({ where: { scope } });
  return (used.user + used.system) / 1000 / checkouts;
}
