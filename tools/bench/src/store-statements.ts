// The key store's hot path before and after its statements left Prisma (issue 15, part 2), in
// this run: the same claim → advance → complete, through Prisma's raw queries ("before") and on
// node-postgres, the pool and the transaction's own connection ("after", as the API is wired),
// next to the same two transactions with no store statement ("floor"). Measured in the bench's
// own process, where the store runs, as CPU per checkout; nothing else runs meanwhile.
import { randomUUID } from 'node:crypto';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
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

interface Variant {
  store?: IdempotencyKeyStore;
  runInTransaction<T>(work: () => Promise<T>): Promise<T>;
}

export async function measureStoreStatements(databaseUrl: string): Promise<StoreStatementsResult> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
  try {
    const host = asyncLocalTransactionHost(prisma);
    const variants: Record<StoreVariant, Variant> = {
      prisma: { store: new PrismaIdempotencyKeyStore(prisma, { currentClient: () => host.tx }), runInTransaction: host.withTransaction },
      nodePostgres: transactionalKeyStore(prisma, host),
      floor: { runInTransaction: host.withTransaction },
    };
    const order: StoreVariant[] = ['prisma', 'nodePostgres', 'floor'];
    for (const name of order) await cpuPerCall(variants[name], prisma, 50); // warm-up
    const samples: Record<StoreVariant, number[]> = { prisma: [], nodePostgres: [], floor: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Each round in another order, so that drift does not land on one variant.
      for (const name of round % 2 ? [...order].reverse() : order) samples[name].push(await cpuPerCall(variants[name], prisma, CALLS_PER_ROUND));
    }
    return { prisma: median(samples.prisma), nodePostgres: median(samples.nodePostgres), floor: median(samples.floor), rounds: ROUNDS, calls: CALLS_PER_ROUND };
  } finally {
    await prisma.$disconnect();
  }
}

// One checkout's store calls, one after the other: the claim, then a transaction that advances
// the key (the order's), then one that completes it (the payment's).
async function cpuPerCall({ store, runInTransaction }: Variant, prisma: PrismaClient, calls: number): Promise<number> {
  const scope = randomUUID();
  const fingerprint = fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: { bench: true } });
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const claimed = await store?.claim({ scope, key: randomUUID(), fingerprint, leaseMs: 30_000, ttlMs: 60_000 });
    const lease = claimed?.outcome === 'claimed' ? claimed.lease : undefined;
    if (store && !lease) throw new Error(`store bench: a fresh key was not claimed (${claimed?.outcome})`);
    await runInTransaction(async () => (lease ? store?.advance(lease, 'order_created', { orderId: randomUUID() }) : undefined));
    await runInTransaction(async () => (lease ? store?.complete(lease, { status: 201, headers: {}, body: '{"bench":true}' }) : undefined));
  }
  const used = process.cpuUsage(started);
  await prisma.idempotencyKey.deleteMany({ where: { scope } });
  return (used.user + used.system) / 1000 / calls;
}
