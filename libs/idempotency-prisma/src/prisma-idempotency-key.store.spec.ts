import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { connectionPoolOf, createPrismaClient, PrismaClient, transactionConnection, withTransactionConnection } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { fingerprintRequest, FROM_THE_START, IdempotencyStoreUnavailableError, LeaseLostError, newClaimRecord } from '@safe-checkout/idempotency';
import type { IdempotencyRecord } from '@safe-checkout/idempotency';
import { IDEMPOTENCY_KEY_STORE_CONTRACT } from '@safe-checkout/idempotency/testing';
import { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';

// An empty store, as every contract scenario needs: no keys, and the purge's turn free.
async function emptyStore(run: (statement: string) => Promise<unknown>): Promise<void> {
  await run('DELETE FROM idempotency_keys');
  await run(`UPDATE idempotency_key_purge_turn SET purger_id = NULL, ends_at = 'epoch'`);
}

describe('PrismaIdempotencyKeyStore on PostgreSQL', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 20 });
  });
  afterAll(() => prisma.$disconnect());

  describe('the store contract every IdempotencyKeyStore meets', () => {
    beforeEach(() => emptyStore((statement) => prisma.$executeRawUnsafe(statement)));
    it.each(IDEMPOTENCY_KEY_STORE_CONTRACT)('$name', ({ run }) => run(new PrismaIdempotencyKeyStore(prisma)));
  });

  describe('the store contract, with claims on the node-postgres pool (complete and advance too, when a transaction connection is noted)', () => {
    beforeEach(() => emptyStore((statement) => prisma.$executeRawUnsafe(statement)));
    it.each(IDEMPOTENCY_KEY_STORE_CONTRACT)('$name', ({ run }) =>
      run(new PrismaIdempotencyKeyStore(prisma, { pool: connectionPoolOf(prisma), currentConnection: transactionConnection })),
    );
  });

  describe('the store contract, with a node-postgres pool as its only client', () => {
    let pool: Pool;
    beforeAll(() => {
      pool = new Pool({ connectionString: testDatabaseUrl(), max: 10 });
    });
    afterAll(() => pool.end());
    beforeEach(() => emptyStore((statement) => pool.query(statement)));
    it.each(IDEMPOTENCY_KEY_STORE_CONTRACT)('$name', ({ run }) => run(new PrismaIdempotencyKeyStore(pool)));
  });

  const request = () => ({
    scope: randomUUID(),
    key: randomUUID(),
    fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: { n: 1 } }),
    leaseMs: 30_000,
    ttlMs: 86_400_000,
  });

  it('rolls the stored response back with the operation when the surrounding transaction fails', async () => {
    const claim = request();
    const claimed = await new PrismaIdempotencyKeyStore(prisma).claim(claim);
    if (claimed.outcome !== 'claimed') throw new Error(claimed.outcome);
    await expect(
      prisma.$transaction(async (tx) => {
        await new PrismaIdempotencyKeyStore(prisma, { currentClient: () => tx }).complete(claimed.lease, {
          status: 201,
          headers: {},
          body: '{}',
        });
        throw new Error('the operation failed after storing its response');
      }),
    ).rejects.toThrow('the operation failed');
    const row = await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: claim.scope, key: claim.key } } });
    expect(row.state).toBe('running');
  });

  it("rolls the stored response back with the operation when it was written on the transaction's own connection", async () => {
    const claim = request();
    const store = new PrismaIdempotencyKeyStore(prisma, { pool: connectionPoolOf(prisma), currentConnection: transactionConnection });
    const claimed = await store.claim(claim);
    if (claimed.outcome !== 'claimed') throw new Error(claimed.outcome);
    const ran: string[] = [];
    const spying = new PrismaIdempotencyKeyStore(prisma, {
      currentClient: () => {
        throw new Error('the Prisma transaction client is not used when the connection is known');
      },
      currentConnection: () => {
        const connection = transactionConnection();
        if (connection) ran.push('on the transaction connection');
        return connection;
      },
    });
    await expect(
      withTransactionConnection(() =>
        prisma.$transaction(async () => {
          await spying.complete(claimed.lease, { status: 201, headers: {}, body: '{}' });
          throw new Error('the operation failed after storing its response');
        }),
      ),
    ).rejects.toThrow('the operation failed');
    expect(ran).toEqual(['on the transaction connection']);
    const row = await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: claim.scope, key: claim.key } } });
    expect(row.state).toBe('running');
  });

  it('lets exactly one of 200 concurrent claims on one key win, the rest seeing it in progress', async () => {
    const claim = request();
    const store = new PrismaIdempotencyKeyStore(prisma);
    const results = await Promise.all(Array.from({ length: 200 }, () => store.claim(claim)));
    expect(results.filter((r) => r.outcome === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'in-progress')).toHaveLength(199);
  });

  it('lets exactly one of 200 concurrent claims on one key win when claims run on the node-postgres pool', async () => {
    const claim = request();
    const store = new PrismaIdempotencyKeyStore(prisma, { pool: connectionPoolOf(prisma) });
    const results = await Promise.all(Array.from({ length: 200 }, () => store.claim(claim)));
    expect(results.filter((r) => r.outcome === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'in-progress')).toHaveLength(199);
  });

  it('fences a holder whose lease was taken over even when it completes inside a transaction', async () => {
    const store = new PrismaIdempotencyKeyStore(prisma);
    const claim = { ...request(), leaseMs: 1, now: new Date('2030-01-01T00:00:00Z') };
    const first = await store.claim(claim);
    const second = await store.claim({ ...claim, now: new Date('2030-01-01T00:00:01Z') });
    if (first.outcome !== 'claimed' || second.outcome !== 'claimed') throw new Error('expected two claims');
    expect(second.tookOver).toBe(true);
    await expect(
      prisma.$transaction((tx) =>
        new PrismaIdempotencyKeyStore(prisma, { currentClient: () => tx }).complete(first.lease, { status: 201, headers: {}, body: '"old"' }),
      ),
    ).rejects.toBeInstanceOf(LeaseLostError);
  });

  it('refuses a take-over decided on a stale read when the holder completed in between', async () => {
    const store = new PrismaIdempotencyKeyStore(prisma);
    const claim = { ...request(), leaseMs: 1, now: new Date('2030-01-01T00:00:00Z') };
    const later = new Date('2030-01-01T00:00:05Z');
    const first = await store.claim(claim);
    if (first.outcome !== 'claimed') throw new Error(first.outcome);
    // What a retry read just before the slow holder committed: running, lease lapsed.
    const staleRow = await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: claim.scope, key: claim.key } } });
    await store.complete(first.lease, { status: 201, headers: {}, body: '"first"' });

    type TakeOver = (read: { rowId: string; record: Pick<IdempotencyRecord, 'leaseToken' | 'recoveryPoint'> }, fresh: IdempotencyRecord) => Promise<boolean>;
    const takeOver = (store as unknown as { takeOver: TakeOver }).takeOver;
    const staleRead = { rowId: staleRow.id, record: { leaseToken: staleRow.leaseToken, recoveryPoint: staleRow.recoveryPoint } };
    expect(await takeOver.call(store, staleRead, newClaimRecord({ ...claim, now: later }, later, FROM_THE_START))).toBe(false);
    expect(await store.claim({ ...claim, now: later })).toEqual({ outcome: 'replay', response: { status: 201, headers: {}, body: '"first"' } });
  });

  it('reports an unreachable database as IdempotencyStoreUnavailableError, never as a claim', async () => {
    const down = createPrismaClient({ databaseUrl: 'postgresql://nobody@127.0.0.1:9/nowhere', connectionTimeoutMs: 1000 });
    try {
      await expect(new PrismaIdempotencyKeyStore(down).claim(request())).rejects.toBeInstanceOf(IdempotencyStoreUnavailableError);
      await expect(new PrismaIdempotencyKeyStore(down, { pool: connectionPoolOf(down) }).claim(request())).rejects.toBeInstanceOf(
        IdempotencyStoreUnavailableError,
      );
    } finally {
      await down.$disconnect();
    }
  });
});
