import { randomUUID } from 'node:crypto';
import { PrismaClient } from './generated/prisma/client';
import { createPrismaClient } from './prisma-client.factory';
import { testDatabaseUrl } from './testing/test-database-url';
import { connectionPoolOf, transactionConnection, withTransactionConnection } from './transaction-connection';

const backendPid = 'SELECT pg_backend_pid() AS pid, txid_current_if_assigned() AS txid, now()::text AS started';

describe('the node-postgres connection under a Prisma transaction', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 3 });
  });
  afterAll(() => prisma.$disconnect());

  it('is the connection the transaction runs on: same backend, same transaction', async () => {
    const [viaPrisma, viaConnection] = await withTransactionConnection(() =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS same_transaction (n int) ON COMMIT DROP`;
        const connection = transactionConnection();
        if (!connection) throw new Error('no connection noted for the open transaction');
        type Row = { pid: number; txid: string | null; started: string };
        return [(await tx.$queryRawUnsafe<Row[]>(backendPid))[0], (await connection.query<Row>(backendPid, [])).rows[0]] as const;
      }),
    );
    expect(viaConnection.pid).toBe(viaPrisma.pid);
    expect(viaConnection.txid).not.toBeNull();
    expect(String(viaConnection.txid)).toBe(String(viaPrisma.txid));
    // now() is the transaction's start time: equal only inside one transaction.
    expect(viaConnection.started).toBe(viaPrisma.started);
  });

  it('rolls a write on that connection back with the transaction', async () => {
    const email = `rolled-back-${randomUUID()}@example.test`;
    await expect(
      withTransactionConnection(() =>
        prisma.$transaction(async () => {
          await transactionConnection()!.query(
            "INSERT INTO users (id, email, name, password_hash, address_line1, address_city, address_postal_code, address_country) VALUES (gen_random_uuid(), $1, 'x', 'x', 'x', 'x', 'x', 'NL')",
            [email],
          );
          throw new Error('the operation failed after the write');
        }),
      ),
    ).rejects.toThrow('the operation failed');
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it('is absent outside withTransactionConnection and for plain queries inside it', async () => {
    expect(transactionConnection()).toBeUndefined();
    await withTransactionConnection(async () => {
      await prisma.$queryRaw`SELECT 1`;
      await connectionPoolOf(prisma).query('SELECT 1', []);
      expect(transactionConnection()).toBeUndefined();
    });
  });

  it('is forgotten once the transaction has handed its connection back', async () => {
    await withTransactionConnection(async () => {
      await prisma.$transaction(async () => expect(transactionConnection()).toBeDefined());
      expect(transactionConnection()).toBeUndefined();
      await expect(prisma.$transaction(async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
      expect(transactionConnection()).toBeUndefined();
    });
  });

  it('keeps the outer transaction connection when a nested call joins it', async () => {
    await withTransactionConnection(() =>
      prisma.$transaction(async () => {
        const outer = transactionConnection();
        await withTransactionConnection(async () => expect(transactionConnection()).toBe(outer));
      }),
    );
  });

  it('keeps concurrent transactions apart', async () => {
    const pids = await Promise.all(
      [1, 2].map(() =>
        withTransactionConnection(() =>
          prisma.$transaction(async (tx) => {
            const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>(backendPid);
            await new Promise((resolve) => setTimeout(resolve, 50));
            const own = (await transactionConnection()!.query<{ pid: number }>(backendPid, [])).rows[0].pid;
            return [pid, own];
          }),
        ),
      ),
    );
    expect(pids[0][0]).toBe(pids[0][1]);
    expect(pids[1][0]).toBe(pids[1][1]);
    expect(pids[0][0]).not.toBe(pids[1][0]);
  });

  it('refuses a client it did not create', () => {
    expect(() => connectionPoolOf({} as PrismaClient)).toThrow(/not made by createPrismaClient/);
  });
});
