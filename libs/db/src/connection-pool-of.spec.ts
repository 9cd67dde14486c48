import { PrismaClient } from './generated/prisma/client';
import { connectionPoolOf } from './connection-pool-of';
import { createPrismaClient } from './prisma-client.factory';
import { testDatabaseUrl } from './testing/test-database-url';

const ownBackend = 'SELECT pg_backend_pid() AS pid';

describe('connectionPoolOf', () => {
  it("is the pool the client's adapter checks out of: one connection budget for both", async () => {
    const prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 1 });
    try {
      const viaPool = (await connectionPoolOf(prisma).query<{ pid: number }>(ownBackend, [])).rows[0].pid;
      const [viaPrisma] = await prisma.$queryRawUnsafe<{ pid: number }[]>(ownBackend);
      // With a pool of one, both can only have run on the same backend.
      expect(viaPrisma.pid).toBe(viaPool);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('refuses a client it did not create', () => {
    expect(() => connectionPoolOf({} as PrismaClient)).toThrow(/not made by createPrismaClient/);
  });
});
