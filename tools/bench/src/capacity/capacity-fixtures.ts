// The capacity bench's data: products, the users it logs in as (inserted with the demo password's
// hash, then logged in over HTTP), and the list loops' user with a long order history inserted
// directly in the database (creating 1 500 orders through the API would take minutes).
import { randomUUID } from 'node:crypto';
import { createPrismaClient, DEMO_PASSWORD, DEMO_USERS, type PrismaClient } from '@safe-checkout/db';
import type { CapacitySettings } from './capacity-settings';
import { logIn, type CapacityUser } from './http-json';

/** Products the checkouts take stock from round-robin, so that they rarely queue on one row. */
const LOAD_PRODUCTS = 50;
const PAYMENT_METHOD = 'pm_card_visa';

/** An order body as the checkout load sends it. */
export interface OrderBody {
  items: { productId: string; quantity: number }[];
  paymentMethod: string;
}

/** What the scenarios share. */
export interface CapacityFixtures {
  /** The bench's own client, for seeding and for reading orders. */
  prisma: PrismaClient;
  /** Users of the checkout load (and of the recovery scenario's checkouts). */
  checkoutUsers: CapacityUser[];
  /** Users whose keys the waiter storm waits on: other users than the load's. */
  waiterUsers: CapacityUser[];
  /** The list loops' user, with its long order history. */
  listUser: CapacityUser;
  /** A real account the login flood sends wrong passwords for (never the load's). */
  floodTargetEmail: string;
  nextOrderBody: () => OrderBody;
}

export async function createCapacityFixtures(urls: string[], databaseUrl: string, settings: CapacitySettings): Promise<CapacityFixtures> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 4 });
  const product = (sku: string) => ({ sku, name: `Capacity product ${sku}`, priceCents: 100, currency: 'EUR', stock: 1_000_000 });
  await prisma.product.createMany({ data: Array.from({ length: LOAD_PRODUCTS }, (_, i) => product(`CAPACITY-${i}`)) });
  const products = await prisma.product.findMany({ where: { sku: { startsWith: 'CAPACITY-' } }, orderBy: { sku: 'asc' } });
  let next = 0;
  const nextOrderBody = (): OrderBody => ({ items: [{ productId: products[next++ % products.length].id, quantity: 1 }], paymentMethod: PAYMENT_METHOD });

  const emails = (role: string, count: number) => Array.from({ length: count }, (_, i) => `capacity-${role}-${i}@example.com`);
  const checkoutEmails = emails('checkout', settings.users);
  const waiterEmails = emails('waiter', settings.waiterKeys);
  const [listEmail, floodTargetEmail] = [...emails('list', 1), ...emails('flood-target', 1)];
  await insertUsers(prisma, [...checkoutEmails, ...waiterEmails, listEmail, floodTargetEmail]);
  // One after the other: a login costs a hash, and a login limit per address may be in force.
  const logInAll = async (list: string[]) => {
    const users: CapacityUser[] = [];
    for (const [i, email] of list.entries()) users.push(await logIn(urls[i % urls.length], email, DEMO_PASSWORD));
    return users;
  };
  const checkoutUsers = await logInAll(checkoutEmails);
  const waiterUsers = await logInAll(waiterEmails);
  const [listUser] = await logInAll([listEmail]);
  await insertOrderHistory(prisma, listUser.id, products[0].id, settings.listOrders);
  return { prisma, checkoutUsers, waiterUsers, listUser, floodTargetEmail, nextOrderBody };
}

// The demo password's hash, copied from a seeded user: hashing it again here would need the API's hasher.
async function insertUsers(prisma: PrismaClient, emails: string[]): Promise<void> {
  const demo = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email } });
  const profile = {
    passwordHash: demo.passwordHash,
    addressLine1: demo.addressLine1,
    addressCity: demo.addressCity,
    addressPostalCode: demo.addressPostalCode,
    addressCountry: demo.addressCountry,
  };
  await prisma.user.createMany({ data: emails.map((email) => ({ ...profile, email, name: `Capacity ${email}` })) });
}

// Declined orders, as a user piles them up for free with a card that is always refused.
async function insertOrderHistory(prisma: PrismaClient, userId: string, productId: string, count: number): Promise<void> {
  const orders = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    userId,
    status: 'payment_failed',
    totalCents: 100,
    currency: 'EUR',
    paymentMethod: 'pm_card_chargeDeclined',
    createdAt: new Date(Date.now() - (count - i) * 1000),
  }));
  await prisma.order.createMany({ data: orders });
  await prisma.orderLine.createMany({ data: orders.map(({ id }) => ({ orderId: id, position: 0, productId, quantity: 1, unitPriceCents: 100 })) });
}
