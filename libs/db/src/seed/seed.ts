import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '../generated/prisma/client';
import { createPrismaClient } from '../prisma-client.factory';
import { DEMO_PASSWORD, DEMO_PRODUCTS, DEMO_USERS } from './demo-data';

/**
 * Inserts the demo users and catalog if they are absent. Idempotent: running it again changes
 * nothing, so it never resets stock or a profile someone edited.
 */
export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  const existing = await prisma.user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => u.email) } },
    select: { email: true },
  });
  const missing = DEMO_USERS.filter((u) => !existing.some((e) => e.email === u.email));
  const users = await Promise.all(missing.map(async (user) => ({ ...user, passwordHash: await hash(DEMO_PASSWORD) })));
  await prisma.user.createMany({ data: users, skipDuplicates: true });
  await prisma.product.createMany({ data: [...DEMO_PRODUCTS], skipDuplicates: true });
}

/** {@link seedDemoData} on the database at `databaseUrl`, through a short-lived client of its own. */
export async function seedDemoDatabase(databaseUrl: string): Promise<void> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 1 });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
