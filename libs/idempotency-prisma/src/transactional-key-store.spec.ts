import { randomUUID } from 'node:crypto';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { fingerprintRequest } from '@safe-checkout/idempotency';
import { IdempotencyKeyClient } from './prisma-idempotency-key.store';
import { TransactionHostLike, transactionalKeyStore } from './transactional-key-store';

/** The smallest transaction host: what @nestjs-cls/transactional does, for one transaction at a time. */
function transactionHostOn(prisma: PrismaClient): TransactionHostLike {
  let open: IdempotencyKeyClient | undefined;
  return {
    get tx() {
      return open ?? prisma;
    },
    withTransaction: (work) =>
      prisma.$transaction(async (tx) => {
        open = tx;
        try {
          return await work();
        } finally {
          open = undefined;
        }
      }),
  };
}

describe('transactionalKeyStore', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 3 });
  });
  afterAll(() => prisma.$disconnect());

  const claimOf = () => ({
    scope: randomUUID(),
    key: randomUUID(),
    fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: { n: 1 } }),
    leaseMs: 30_000,
    ttlMs: 86_400_000,
  });
  const stateOf = async (claim: { scope: string; key: string }) =>
    (await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: claim.scope, key: claim.key } } })).state;

  it('stores the response in the operation\'s transaction: it commits with the operation\'s own writes', async () => {
    const { store, runInTransaction } = transactionalKeyStore(prisma, transactionHostOn(prisma));
    const claim = claimOf();
    const claimed = await store.claim(claim);
    if (claimed.outcome !== 'claimed') throw new Error(claimed.outcome);
    await runInTransaction(() => store.complete(claimed.lease, { status: 201, headers: {}, body: '{}' }));
    expect(await stateOf(claim)).toBe('completed');
    expect(await store.claim(claim)).toEqual({ outcome: 'replay', response: { status: 201, headers: {}, body: '{}' } });
  });

  it('rolls the stored response back when the operation fails after storing it', async () => {
    const { store, runInTransaction } = transactionalKeyStore(prisma, transactionHostOn(prisma));
    const claim = claimOf();
    const claimed = await store.claim(claim);
    if (claimed.outcome !== 'claimed') throw new Error(claimed.outcome);
    await expect(
      runInTransaction(async () => {
        await store.complete(claimed.lease, { status: 201, headers: {}, body: '{}' });
        throw new Error('the operation failed after storing its response');
      }),
    ).rejects.toThrow('the operation failed');
    expect(await stateOf(claim)).toBe('running');
  });
});
