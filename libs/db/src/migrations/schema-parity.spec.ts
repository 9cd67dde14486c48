import { randomUUID } from 'node:crypto';
import { testDatabaseUrl } from '../testing/test-database-url';
import { createPrismaClient } from '../prisma-client.factory';
import { Prisma, PrismaClient } from '../generated/prisma/client';

// The migrations are hand-written SQL; schema.prisma is what the client is generated from.
// Writing and reading every field of every model through the client against the migrated
// database proves the two describe the same tables, columns, types and constraints.
describe('prisma/migrations against schema.prisma', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
  });
  afterAll(() => prisma.$disconnect());

  it('covers every model of the schema in this test', () => {
    expect(Object.values(Prisma.ModelName).sort()).toEqual(['IdempotencyKey', 'Order', 'OrderLine', 'Product', 'User']);
  });

  it('round-trips every field of users, products, orders and order lines', async () => {
    const suffix = randomUUID();
    const user = await prisma.user.create({
      data: {
        email: `parity-${suffix}@example.com`,
        name: 'Parity',
        passwordHash: 'x',
        addressLine1: 'l1',
        addressLine2: 'l2',
        addressCity: 'c',
        addressPostalCode: 'p',
        addressCountry: 'FR',
        updatedAt: new Date('2026-01-01T00:00:00.123Z'),
      },
    });
    const product = await prisma.product.create({
      data: { sku: `SKU-${suffix}`, name: 'P', priceCents: 123, currency: 'EUR', stock: 5 },
    });
    const order = await prisma.order.create({
      data: {
        userId: user.id,
        totalCents: 246,
        currency: 'EUR',
        lines: { create: [{ position: 0, productId: product.id, quantity: 2, unitPriceCents: 123 }] },
      },
      include: { lines: true, user: true },
    });

    expect(order).toMatchObject({ status: 'confirmed', totalCents: 246, currency: 'EUR', user: { addressCountry: 'FR' } });
    expect(order.lines).toEqual([
      expect.objectContaining({ orderId: order.id, position: 0, productId: product.id, quantity: 2, unitPriceCents: 123 }),
    ]);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect(await prisma.product.findUniqueOrThrow({ where: { sku: product.sku } })).toEqual(product);
  });

  it('round-trips every field of idempotency keys and enforces one key per scope', async () => {
    const data = {
      scope: randomUUID(),
      key: 'parity-key-0123456789',
      fingerprint: 'f'.repeat(64),
      state: 'completed',
      leaseToken: randomUUID(),
      leaseExpiresAt: new Date('2026-01-01T00:00:30.000Z'),
      responseStatus: 201,
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: '{"id":"x"}',
      completedAt: new Date('2026-01-01T00:00:01.000Z'),
      expiresAt: new Date('2026-01-02T00:00:00.000Z'),
    };
    const created = await prisma.idempotencyKey.create({ data });
    expect(await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: data.scope, key: data.key } } })).toEqual(created);
    await expect(prisma.idempotencyKey.create({ data: { ...data, leaseToken: randomUUID() } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('refuses negative stock and completed keys without a response', async () => {
    await expect(
      prisma.product.create({ data: { sku: `NEG-${randomUUID()}`, name: 'N', priceCents: 1, currency: 'EUR', stock: -1 } }),
    ).rejects.toThrow(/products_stock_non_negative/);
    await expect(
      prisma.idempotencyKey.create({
        data: {
          scope: randomUUID(), key: 'k'.repeat(16), fingerprint: '0'.repeat(64), state: 'completed',
          leaseToken: randomUUID(), leaseExpiresAt: new Date(), expiresAt: new Date(),
        },
      }),
    ).rejects.toThrow(/idempotency_keys_completed_has_response/);
  });
});
