import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Prisma, PrismaClient } from './generated/prisma/client';
import { createPrismaClient } from './prisma-client.factory';
import { testDatabaseUrl } from './testing/test-database-url';
import { transientDatabaseFailureOf } from './transient-database-failure';

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  return { promise: new Promise<void>((r) => (resolve = r)), resolve };
}

async function withPrisma<T>(options: Partial<Parameters<typeof createPrismaClient>[0]>, work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), ...options });
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/** Opens the pool's connection, trying again while opening it times out. */
async function openTheConnection(prisma: PrismaClient, tries = 10): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await prisma.$queryRaw`SELECT 1`;
      return;
    } catch (error) {
      if (attempt >= tries) throw error;
    }
  }
}

/** A transaction that takes a pooled connection and keeps it for `seconds`. */
function holdTheConnection(prisma: PrismaClient, seconds = 1): { holding: Promise<void>; done: Promise<unknown> } {
  const holding = deferred();
  const done = prisma.$transaction(async (tx) => {
    holding.resolve();
    await tx.$queryRaw`SELECT 1 FROM pg_sleep(${seconds})`;
  });
  return { holding: holding.promise, done };
}

// Each failure reproduced for real, so the classification follows what Prisma 7, its pg adapter
// and node-postgres actually throw, not what their documentation suggests.
describe('transientDatabaseFailureOf(error) against a real PostgreSQL', () => {
  it('is transaction_start_timeout when the only pooled connection stays busy past maxWait (P2028)', async () => {
    await withPrisma({ poolSize: 1 }, async (prisma) => {
      const holder = holdTheConnection(prisma);
      await holder.holding;
      const error = await rejectionOf(prisma.$transaction(async () => undefined, { maxWait: 200 }));
      await holder.done;

      expect(error).toMatchObject({ code: 'P2028', message: expect.stringMatching(/Unable to start a transaction in the given time/) });
      expect(transientDatabaseFailureOf(error)).toBe('transaction_start_timeout');
    });
  });

  it('is pool_timeout when a query waits for a pooled connection past the pool timeout', async () => {
    await withPrisma({ poolSize: 1, connectionTimeoutMs: 500 }, async (prisma) => {
      // The pool's one connection is opened first, apart: on a loaded machine opening it can take
      // longer than the short timeout this test is about (seen in CI), and that is not the case here.
      await openTheConnection(prisma);
      const holder = holdTheConnection(prisma, 2);
      await holder.holding;
      const error = await rejectionOf(prisma.product.count());
      await holder.done;

      expect(error).toMatchObject({ message: 'timeout exceeded when trying to connect' });
      expect(transientDatabaseFailureOf(error)).toBe('pool_timeout');
    });
  });

  it('is connection_lost when the server terminates the session while its query runs (57P01)', async () => {
    await withPrisma({ poolSize: 2 }, async (prisma) => {
      const running = rejectionOf(
        prisma.$transaction(async (tx) => {
          const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          await Promise.all([tx.$queryRaw`SELECT pg_sleep(5)`, admin((client) => client.query('SELECT pg_sleep(0.2), pg_terminate_backend($1)', [pid]))]);
        }),
      );
      const error = await running;

      expect(error).toMatchObject({ meta: { driverAdapterError: { cause: { originalCode: '57P01' } } } });
      expect(transientDatabaseFailureOf(error)).toBe('connection_lost');
    });
  });

  it('is too_many_connections when the server refuses a connection (53300)', async () => {
    const role = `sc_limited_${randomBytes(4).toString('hex')}`;
    await admin((client) => client.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited' CONNECTION LIMIT 0`));
    try {
      const url = new URL(testDatabaseUrl());
      [url.username, url.password] = [role, 'limited'];
      const error = await withPrisma({ databaseUrl: url.toString() }, (prisma) => rejectionOf(prisma.product.count()));

      expect(error).toMatchObject({ code: 'P2037' });
      expect(transientDatabaseFailureOf(error)).toBe('too_many_connections');
    } finally {
      await admin((client) => client.query(`DROP ROLE ${role}`));
    }
  });

  it('is write_conflict for the transaction the server aborts to break a deadlock (40P01)', async () => {
    await withPrisma({ poolSize: 3 }, async (prisma) => {
      const [a, b] = await Promise.all(
        [1, 2].map(() => prisma.product.create({ data: { sku: `TEST-${randomUUID()}`, name: 'Deadlock', priceCents: 1, currency: 'EUR', stock: 1 } })),
      );
      const bothHoldOne = [deferred(), deferred()];
      const lockInOrder = (first: string, second: string, mine: number) =>
        prisma.$transaction(
          async (tx) => {
            await tx.product.update({ where: { id: first }, data: { stock: { increment: 1 } } });
            bothHoldOne[mine].resolve();
            await Promise.all(bothHoldOne.map((d) => d.promise));
            await tx.product.update({ where: { id: second }, data: { stock: { increment: 1 } } });
          },
          { timeout: 10_000 },
        );
      const outcomes = await Promise.allSettled([lockInOrder(a.id, b.id, 0), lockInOrder(b.id, a.id, 1)]);
      const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));

      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'P2034' });
      expect(transientDatabaseFailureOf(errors[0])).toBe('write_conflict');
    });
  });

  it('is database_unreachable when nothing listens at the address (P1001)', async () => {
    const error = await withPrisma({ databaseUrl: 'postgresql://nobody@127.0.0.1:9/nowhere' }, (prisma) => rejectionOf(prisma.product.count()));

    expect(error).toMatchObject({ code: 'P1001' });
    expect(transientDatabaseFailureOf(error)).toBe('database_unreachable');
  });
});

describe('transientDatabaseFailureOf(error) for shapes seen through the API', () => {
  const known = (code: string, message: string, meta?: Record<string, unknown>) =>
    new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: 'test', meta });

  it('reads the SQLSTATE an ORM query carries as a generic database error (P2039, 57P01)', () => {
    const terminated = known('P2039', 'Database error. Code: `57P01`. Message: `terminating connection due to administrator command`', {
      driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '57P01', kind: 'postgres', code: '57P01', severity: 'FATAL' } },
    });
    expect(transientDatabaseFailureOf(terminated)).toBe('connection_lost');
  });

  it('falls back on node-postgres messages, which carry no code', () => {
    expect(transientDatabaseFailureOf(new Error('Client has encountered a connection error and is not queryable'))).toBe('connection_lost');
    expect(transientDatabaseFailureOf(new Error('Connection terminated unexpectedly'))).toBe('connection_lost');
    expect(
      transientDatabaseFailureOf(new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })),
    ).toBe('database_unreachable');
  });

  it('knows the server states and connection exceptions that have no Prisma code', () => {
    const withSqlState = (code: string) => Object.assign(new Error('server says no'), { code, severity: 'FATAL' });
    expect(transientDatabaseFailureOf(withSqlState('57P03'))).toBe('database_unreachable');
    expect(transientDatabaseFailureOf(withSqlState('08006'))).toBe('connection_lost');
    expect(transientDatabaseFailureOf(withSqlState('57P02'))).toBe('connection_lost');
  });

  it('is undefined for failures a retry would not cure', () => {
    expect(transientDatabaseFailureOf(known('P2002', 'Unique constraint failed'))).toBeUndefined();
    expect(transientDatabaseFailureOf(known('P2028', 'Transaction API error: A commit cannot be executed on an expired transaction.'))).toBeUndefined();
    expect(transientDatabaseFailureOf(new TypeError('Cannot read properties of undefined'))).toBeUndefined();
    expect(transientDatabaseFailureOf(undefined)).toBeUndefined();
  });
});
