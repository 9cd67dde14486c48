import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '../generated/prisma/client';
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
