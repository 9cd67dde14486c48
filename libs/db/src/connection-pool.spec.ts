import { Client } from 'pg';
import { createConnectionPool } from './connection-pool';
import { createPrismaClient } from './prisma-client.factory';
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
      const pids = await Promise.all([1, 2, 3].map(() =>
        prisma.$transaction(async (tx) => (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid),
      ));
      await terminateBackends(pids);
      await waitFor(() => errors.length >= new Set(pids).size);

      expect(await prisma.product.count()).toBeGreaterThan(0);
    } finally {
      await prisma.$disconnect();
    }
  });
});
