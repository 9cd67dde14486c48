import { verify } from '@node-rs/argon2';
import { createPrismaClient } from '../prisma-client.factory';
import { PrismaClient } from '../generated/prisma/client';
import { testDatabaseUrl } from '../testing/test-database-url';
import { DEMO_PASSWORD } from './demo-data';
import { seedDemoData } from './seed';

describe('seedDemoData', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
  });
  afterAll(() => prisma.$disconnect());

  it('stores the demo users with an argon2 hash of the demo password, never the password itself', async () => {
    const alice = await prisma.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    expect(alice.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(alice.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await prisma.user.count({ where: { email: 'bob@example.com' } })).toBe(1);
  });

  it('seeds a product with at least 100 000 units for load tests', async () => {
    expect(await prisma.product.count({ where: { stock: { gte: 100_000 } } })).toBeGreaterThan(0);
  });

  it('changes nothing when run again, not even stock that orders have taken', async () => {
    await prisma.product.update({ where: { sku: 'MUG-IDEM' }, data: { stock: { decrement: 1 } } });
    const before = { users: await prisma.user.findMany({ orderBy: { email: 'asc' } }), products: await prisma.product.findMany({ orderBy: { sku: 'asc' } }) };
    await seedDemoData(prisma);
    const after = { users: await prisma.user.findMany({ orderBy: { email: 'asc' } }), products: await prisma.product.findMany({ orderBy: { sku: 'asc' } }) };
    expect(after).toEqual(before);
  });
});
