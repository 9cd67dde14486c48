import { randomUUID } from 'node:crypto';
import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { PrismaClient } from '@safe-checkout/db';
import { createTestProduct, startTestApi, TestApi } from '../testing/test-api';
import { PlainClientWriteInTransactionError } from './plain-client-write-in-transaction.error';
import { plainClientWritesGuarded } from './plain-client-write.guard';
import { PrismaTransactionHost } from './transaction-host';

// The API's own client and transaction host, against the run's test database: what a service
// gets injected. Outside production (Jest runs with NODE_ENV=test) the client is guarded.
describe('guardPlainClientWrites (the injected PrismaClient outside production)', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let txHost: PrismaTransactionHost;
  beforeAll(async () => {
    api = await startTestApi();
    prisma = api.app.get(PrismaClient);
    txHost = api.app.get(TransactionHost);
  });
  afterAll(() => api.close());

  const stockOf = async (id: string) => (await api.prisma.product.findUniqueOrThrow({ where: { id } })).stock;

  describe('inside txHost.withTransaction', () => {
    it('refuses a model write on the plain client, naming the rule, and the transaction rolls back whole', async () => {
      const product = await createTestProduct(api, 10);
      const attempt = txHost.withTransaction(async () => {
        await txHost.tx.product.update({ where: { id: product.id }, data: { stock: 9 } });
        await prisma.product.update({ where: { id: product.id }, data: { stock: 8 } });
      });
      await expect(attempt).rejects.toBeInstanceOf(PlainClientWriteInTransactionError);
      await expect(attempt).rejects.toMatchObject({
        call: 'prisma.product.update()',
        problem: { status: 500, detail: expect.stringContaining('Every write goes through the transaction') },
      });
      expect(await stockOf(product.id)).toBe(10);
    });

    it.each([
      ['create', () => prisma.product.create({ data: { sku: `GUARD-${randomUUID()}`, name: 'x', priceCents: 1, currency: 'EUR', stock: 1 } })],
      ['createMany', () => prisma.product.createMany({ data: [] })],
      ['updateMany', () => prisma.product.updateMany({ where: { id: randomUUID() }, data: { stock: 1 } })],
      [
        'upsert',
        () =>
          prisma.product.upsert({
            where: { id: randomUUID() },
            create: { sku: `GUARD-${randomUUID()}`, name: 'x', priceCents: 1, currency: 'EUR', stock: 1 },
            update: {},
          }),
      ],
      ['delete', () => prisma.product.delete({ where: { id: randomUUID() } })],
      ['deleteMany', () => prisma.order.deleteMany({ where: { id: randomUUID() } })],
      ['$executeRaw', () => prisma.$executeRaw`UPDATE products SET stock = stock WHERE false`],
      ['$executeRawUnsafe', () => prisma.$executeRawUnsafe('UPDATE products SET stock = stock WHERE false')],
    ])('refuses %s on the plain client', async (_name, write) => {
      await expect(txHost.withTransaction(async () => write())).rejects.toBeInstanceOf(PlainClientWriteInTransactionError);
    });

    it('allows reads on the plain client: find, count and $queryRaw', async () => {
      const product = await createTestProduct(api, 3);
      const read = await txHost.withTransaction(async () => ({
        found: await prisma.product.findUnique({ where: { id: product.id } }),
        count: await prisma.product.count({ where: { id: product.id } }),
        raw: await prisma.$queryRaw<{ stock: number }[]>`SELECT stock FROM products WHERE id = ${product.id}::uuid`,
      }));
      expect(read).toEqual({ found: product, count: 1, raw: [{ stock: 3 }] });
    });

    it('allows writes through the transaction client, txHost.tx', async () => {
      const product = await createTestProduct(api, 5);
      await txHost.withTransaction(async () => {
        await txHost.tx.product.update({ where: { id: product.id }, data: { stock: { decrement: 1 } } });
        await txHost.tx.$executeRaw`UPDATE products SET stock = stock - 1 WHERE id = ${product.id}::uuid`;
      });
      expect(await stockOf(product.id)).toBe(3);
    });

    it('allows a plain-client write in withTransaction(Propagation.NotSupported): leaving the transaction on purpose', async () => {
      const product = await createTestProduct(api, 5);
      const attempt = txHost.withTransaction(async () => {
        await txHost.withTransaction(Propagation.NotSupported, () => prisma.product.update({ where: { id: product.id }, data: { stock: 4 } }));
        throw new Error('the transaction fails afterwards');
      });
      await expect(attempt).rejects.toThrow('the transaction fails afterwards');
      expect(await stockOf(product.id)).toBe(4);
    });
  });

  it('allows plain-client writes when no transaction is open', async () => {
    const product = await createTestProduct(api, 5);
    await prisma.product.update({ where: { id: product.id }, data: { stock: 1 } });
    expect(await stockOf(product.id)).toBe(1);
  });

  it('outside a transaction, txHost.tx is the injected client itself: writing through txHost.tx is right everywhere', () => {
    expect(txHost.tx).toBe(prisma);
  });
});

describe('plainClientWritesGuarded(env)', () => {
  it('is on outside production and off with NODE_ENV=production', () => {
    expect(plainClientWritesGuarded({ NODE_ENV: 'test' })).toBe(true);
    expect(plainClientWritesGuarded({ NODE_ENV: 'development' })).toBe(true);
    expect(plainClientWritesGuarded({})).toBe(true);
    expect(plainClientWritesGuarded({ NODE_ENV: 'production' })).toBe(false);
  });
});
