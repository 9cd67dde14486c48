import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { createPrismaClient } from '../prisma-client.factory';
import { DEMO_PRODUCTS, DEMO_USERS } from './demo-data';
import { seedDemoData } from './seed';

/** What {@link resetDemoData} changed. */
export interface DemoReset {
  /** SKUs whose stock was set back. */
  restocked: string[];
  /** Emails of demo users whose profile was set back. */
  profilesRestored: string[];
  /** Units that orders still awaiting their payment hold, per SKU: left out of the stock. */
  heldByOrdersAwaitingPayment: Record<string, number>;
}

/**
 * Sets the demo back to its seed: the demo products' stock and the demo users' profiles, and
 * inserts whatever demo row is missing. Orders, their lines and the idempotency keys stay: they
 * are the history, and they keep pointing at the same product and user rows, which are updated in
 * place, never deleted.
 *
 * An order awaiting its payment still holds its units (the charge may yet fail and give them
 * back, payments.md §2): its units stay taken, so that stock never exceeds the seed's once it is
 * settled. A restored profile gets a new `updatedAt`, so that its ETag changes and a PUT with an
 * ETag read before the reset is refused (If-Match) instead of overwriting the restored profile.
 * Safe while the API runs: the product rows are locked first, in id order like an order's stock
 * take, and the held units are counted after, so no order's stock take falls in between.
 */
export async function resetDemoData(prisma: PrismaClient): Promise<DemoReset> {
  await seedDemoData(prisma);
  return prisma.$transaction(async (tx) => ({ ...(await restock(tx)), profilesRestored: await restoreProfiles(tx) }));
}

/** {@link resetDemoData} on the database at `databaseUrl`, through a short-lived client of its own. */
export async function resetDemoDatabase(databaseUrl: string): Promise<DemoReset> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 1 });
  try {
    return await resetDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

async function restock(tx: Prisma.TransactionClient): Promise<Pick<DemoReset, 'restocked' | 'heldByOrdersAwaitingPayment'>> {
  const skus = DEMO_PRODUCTS.map((product) => product.sku);
  await tx.$queryRaw`SELECT id FROM products WHERE sku IN (${Prisma.join(skus)}) ORDER BY id FOR UPDATE`;
  const held = await tx.$queryRaw<{ sku: string; quantity: bigint }[]>`
    SELECT p.sku, SUM(l.quantity) AS quantity
      FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
     WHERE o.status = 'awaiting_payment' AND p.sku IN (${Prisma.join(skus)})
     GROUP BY p.sku`;
  const heldBySku = Object.fromEntries(held.map((row) => [row.sku, Number(row.quantity)]));
  const restocked: string[] = [];
  for (const product of DEMO_PRODUCTS) {
    const stock = Math.max(0, product.stock - (heldBySku[product.sku] ?? 0));
    const { count } = await tx.product.updateMany({ where: { sku: product.sku, stock: { not: stock } }, data: { stock } });
    if (count) restocked.push(product.sku);
  }
  return { restocked, heldByOrdersAwaitingPayment: heldBySku };
}

async function restoreProfiles(tx: Prisma.TransactionClient): Promise<string[]> {
  const users = await tx.user.findMany({ where: { email: { in: DEMO_USERS.map((user) => user.email) } }, orderBy: { id: 'asc' } });
  const restored: string[] = [];
  for (const demo of DEMO_USERS) {
    const user = users.find((u) => u.email === demo.email);
    if (!user || PROFILE_FIELDS.every((field) => user[field] === demo[field])) continue;
    await tx.user.update({ where: { id: user.id }, data: { ...demo, updatedAt: new Date() } });
    restored.push(demo.email);
  }
  return restored;
}

// What a profile PUT can change (the email is the account's identity, never edited).
const PROFILE_FIELDS = ['name', 'addressLine1', 'addressLine2', 'addressCity', 'addressPostalCode', 'addressCountry'] as const;
