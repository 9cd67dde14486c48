import { randomUUID } from 'node:crypto';
import { createPrismaClient, PrismaClient, transactionConnectionsOf } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { fingerprintRequest } from '@safe-checkout/idempotency';
import { asyncLocalTransactionHost, TransactionConnections, transactionalKeyStore } from './transactional-key-store';

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

  it('keeps concurrent operations in their own transactions', async () => {
    const host = asyncLocalTransactionHost(prisma);
    const backendOf = () => host.tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`.then(([row]) => row.pid);
    const pids = await Promise.all(
      [1, 2].map(() => host.withTransaction(async () => [await backendOf(), await new Promise((r) => setTimeout(r, 30)).then(backendOf)])),
    );
    expect(pids[0][0]).toBe(pids[0][1]);
    expect(pids[1][0]).toBe(pids[1][1]);
    expect(pids[0][0]).not.toBe(pids[1][0]);
    expect(host.tx).toBe(prisma);
  });

  // Through the Prisma client alone (an application's own client), and with the hot-path
  // statements on the adapter's node-postgres pool and the transaction's connection.
  describe.each<[string, (prisma: PrismaClient) => TransactionConnections | undefined]>([
    ['through Prisma', () => undefined],
    ['on node-postgres', transactionConnectionsOf],
  ])('%s', (_, connectionsOf) => {
    it("stores the response in the operation's transaction: it commits with the operation's own writes", async () => {
      const { store, runInTransaction } = transactionalKeyStore(prisma, asyncLocalTransactionHost(prisma), connectionsOf(prisma));
      const claim = claimOf();
      const claimed = await store.claim(claim);
      if (claimed.outcome !== 'claimed') throw new Error(claimed.outcome);
      await runInTransaction(() => store.complete(claimed.lease, { status: 201, headers: {}, body: '{}' }));
      expect(await stateOf(claim)).toBe('completed');
      expect(await store.claim(claim)).toEqual({ outcome: 'replay', response: { status: 201, headers: {}, body: '{}' } });
    });

    it('rolls the stored response back when the operation fails after storing it', async () => {
      const { store, runInTransaction } = transactionalKeyStore(prisma, asyncLocalTransactionHost(prisma), connectionsOf(prisma));
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
});
