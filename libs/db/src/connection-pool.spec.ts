import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createConnectionPool } from './connection-pool';
import { createPrismaClient } from './prisma-client.factory';
import { transientDatabaseFailureOf } from './transient-database-failure';
import { testDatabaseUrl } from './testing/test-database-url';

/** Ends server sessions the way a database restart does (SQLSTATE 57P01). */
async function terminateBackends(pids: number[]): Promise<void> {
  const admin = new Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
  } finally {
    await admin.end();
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('createConnectionPool', () => {
  it('survives the server ending a connection that is checked out between two queries: the next query on it fails, the pool goes on', async () => {
    const errors: Error[] = [];
    const pool = createConnectionPool({ databaseUrl: testDatabaseUrl(), poolSize: 2, onConnectionError: (error) => errors.push(error) });
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Without a listener on the checked-out client, this 'error' event would end the process.
      await terminateBackends([rows[0].pid]);
      await waitFor(() => errors.length > 0);

      expect(errors[0]).toMatchObject({ code: '57P01' });
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe('createPrismaClient', () => {
  it('recovers by itself once the server has ended all of its connections', async () => {
    const errors: Error[] = [];
    const prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 3, onConnectionError: (error) => errors.push(error) });
    try {
      const pids = await Promise.all(
        [1, 2, 3].map(() => prisma.$transaction(async (tx) => (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid)),
      );
      await terminateBackends(pids);
      await waitFor(() => errors.length >= new Set(pids).size);

      expect(await prisma.product.count()).toBeGreaterThan(0);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe('createPrismaClient: statement and transaction timeouts', () => {
  it('refuses a transaction timeout that does not exceed the statement timeout', () => {
    expect(() => createPrismaClient({ databaseUrl: testDatabaseUrl(), statementTimeoutMs: 1000, transactionTimeoutMs: 1000 })).toThrow(RangeError);
  });

  // The statement timeout fires first, inside the transaction, so it is PostgreSQL that cancels and
  // rolls back, not Prisma's transaction timer racing a statement still running.
  it('cancels a stuck statement by the statement timeout, inside its transaction, which rolls back whole', async () => {
    const prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 2, statementTimeoutMs: 300, transactionTimeoutMs: 1500 });
    const suffix = randomUUID().replace(/-/g, '');
    const stall = `stall_lines_${suffix}`;
    try {
      const user = await prisma.user.create({
        data: {
          email: `stall-${suffix}@example.test`,
          name: 'S',
          passwordHash: 'x',
          addressLine1: 'l',
          addressCity: 'c',
          addressPostalCode: 'p',
          addressCountry: 'FR',
        },
      });
      const product = await prisma.product.create({ data: { sku: `STALL-${suffix}`, name: 'P', priceCents: 1, currency: 'EUR', stock: 5 } });
      await prisma.$executeRawUnsafe(`CREATE FUNCTION ${stall}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$`);
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER ${stall} BEFORE INSERT ON orders FOR EACH ROW WHEN (NEW.user_id = '${user.id}') EXECUTE FUNCTION ${stall}()`,
      );

      const failure = await prisma
        .$transaction(async (tx) => {
          await tx.product.update({ where: { id: product.id }, data: { stock: { decrement: 1 } } });
          return tx.order.create({
            data: {
              userId: user.id,
              totalCents: 1,
              currency: 'EUR',
              lines: { create: [{ position: 0, productId: product.id, quantity: 1, unitPriceCents: 1 }] },
            },
          });
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );

      expect(String(failure)).toMatch(/statement timeout|57014/);
      // The API answers it 503 with Retry-After, like every other transient database failure.
      expect(transientDatabaseFailureOf(failure)).toBe('statement_timeout');

      expect(await prisma.order.count({ where: { userId: user.id } })).toBe(0);
      expect(await prisma.orderLine.count({ where: { productId: product.id } })).toBe(0);
      expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(5);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${stall} ON orders`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${stall}()`);
      await prisma.$disconnect();
    }
  });
});
