import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../database-url';
import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations } from '../migrations/migrator';
import { createPrismaClient } from '../prisma-client.factory';
import { testDatabaseUrl } from '../testing/test-database-url';
import { DEMO_PRODUCTS, DEMO_USERS } from './demo-data';
import { resetDemoData } from './reset';
import { seedDemoData } from './seed';

const seedStock = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)!.stock;

// A database of its own on the run's server: the reset rewrites the demo rows that other specs read.
describe('resetDemoData', () => {
  const name = `sc_reset_${randomBytes(4).toString('hex')}`;
  let prisma: PrismaClient;

  beforeAll(async () => {
    await ensureDatabaseExists(testDatabaseUrl(), name);
    const url = withDatabaseName(testDatabaseUrl(), name);
    await applyMigrations(url);
    prisma = createPrismaClient({ databaseUrl: url, poolSize: 2 });
    await seedDemoData(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await dropDatabase(testDatabaseUrl(), name);
  });

  const stockOf = async (sku: string) => (await prisma.product.findUniqueOrThrow({ where: { sku } })).stock;
  const alice = () => prisma.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });

  /** An order of alice's with one line, its units taken from the stock as a checkout does. */
  async function order(sku: string, quantity: number, status: string) {
    const product = await prisma.product.update({ where: { sku }, data: { stock: { decrement: quantity } } });
    return prisma.order.create({
      data: {
        userId: (await alice()).id,
        status,
        // A paid order names the PaymentIntent that paid it (a CHECK constraint).
        ...(status === 'paid' ? { paymentIntentId: `pi_${randomBytes(12).toString('hex')}`, paidAt: new Date() } : {}),
        totalCents: product.priceCents * quantity,
        currency: product.currency,
        lines: { create: [{ position: 0, productId: product.id, quantity, unitPriceCents: product.priceCents }] },
      },
      include: { lines: true },
    });
  }

  it('gives back the stock that settled orders took, and keeps those orders, their lines and products', async () => {
    const paid = await order('LAST-ONE', 1, 'paid');
    const mugs = await order('MUG-IDEM', 3, 'paid');
    expect(await stockOf('LAST-ONE')).toBe(0);

    const reset = await resetDemoData(prisma);

    expect(reset.restocked).toEqual(expect.arrayContaining(['LAST-ONE', 'MUG-IDEM']));
    expect(await stockOf('LAST-ONE')).toBe(seedStock('LAST-ONE'));
    expect(await stockOf('MUG-IDEM')).toBe(seedStock('MUG-IDEM'));
    for (const kept of [paid, mugs]) {
      expect(await prisma.order.findUniqueOrThrow({ where: { id: kept.id }, include: { lines: { include: { product: true } } } })).toMatchObject({
        status: 'paid',
        lines: [{ productId: kept.lines[0].productId, quantity: kept.lines[0].quantity, product: { id: kept.lines[0].productId } }],
      });
    }
  });

  it('leaves taken the units of orders still awaiting their payment, which a failed charge gives back', async () => {
    await order('TEE-JITTER', 2, 'awaiting_payment');
    await order('TEE-JITTER', 5, 'paid');

    const reset = await resetDemoData(prisma);

    expect(reset.heldByOrdersAwaitingPayment).toEqual({ 'TEE-JITTER': 2 });
    expect(await stockOf('TEE-JITTER')).toBe(seedStock('TEE-JITTER') - 2);
  });

  it('sets an edited profile back, with a new updatedAt (so its ETag changes), and leaves an unedited one alone', async () => {
    const bobBefore = await prisma.user.findUniqueOrThrow({ where: { email: 'bob@example.com' } });
    const edited = await prisma.user.update({
      where: { email: 'alice@example.com' },
      data: { name: 'Mallory', addressLine2: 'Back door', addressCountry: 'GE', updatedAt: new Date('2026-01-01T00:00:00Z') },
    });

    const reset = await resetDemoData(prisma);

    expect(reset.profilesRestored).toEqual(['alice@example.com']);
    const restored = await alice();
    expect(restored).toMatchObject({ id: edited.id, ...DEMO_USERS[0] });
    expect(restored.updatedAt!.getTime()).toBeGreaterThan(edited.updatedAt!.getTime());
    expect(await prisma.user.findUniqueOrThrow({ where: { email: 'bob@example.com' } })).toEqual(bobBefore);
  });

  it('creates a demo user again whose email was changed; the renamed account keeps its orders', async () => {
    const before = await alice();
    const ordersBefore = await prisma.order.count({ where: { userId: before.id } });
    await prisma.user.update({ where: { id: before.id }, data: { email: 'alice.renamed@example.com' } });

    await resetDemoData(prisma);

    const again = await alice();
    expect(again.id).not.toBe(before.id);
    expect(await prisma.order.count({ where: { userId: before.id } })).toBe(ordersBefore);
  });

  it('changes nothing when nothing changed since the last reset', async () => {
    await resetDemoData(prisma);
    const before = { users: await prisma.user.findMany({ orderBy: { email: 'asc' } }), products: await prisma.product.findMany({ orderBy: { sku: 'asc' } }) };

    const reset = await resetDemoData(prisma);

    expect(reset).toMatchObject({ restocked: [], profilesRestored: [] });
    const after = { users: await prisma.user.findMany({ orderBy: { email: 'asc' } }), products: await prisma.product.findMany({ orderBy: { sku: 'asc' } }) };
    expect(after).toEqual(before);
  });
});
