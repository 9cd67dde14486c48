// The soak's customers: users created directly in the database, one per simulated customer, so
// that every customer's orders can be told apart; each logs in through the API like a person.
import { randomBytes } from 'node:crypto';
import db from '@safe-checkout/db';

const LOAD_TEST_SKU = 'LOAD-TEST';
const LOGIN_CONCURRENCY = 4;

/**
 * Creates `counts.safe + counts.naive + 1` users (the last one probes the API during the
 * database outage) and logs each in through `apiUrl`.
 * @returns {Promise<{ safe: Customer[], naive: Customer[], probe: Customer, product: { id: string, stock: number } }>}
 * @typedef {{ id: string, email: string, token: string }} Customer
 */
export async function createCustomers(databaseUrl, apiUrl, counts) {
  const prisma = db.createPrismaClient({ databaseUrl, poolSize: 2 });
  const run = randomBytes(3).toString('hex');
  const emails = [
    ...Array.from({ length: counts.safe }, (_, i) => `soak-${run}-safe-${i + 1}@example.test`),
    ...Array.from({ length: counts.naive }, (_, i) => `soak-${run}-naive-${i + 1}@example.test`),
    `soak-${run}-probe@example.test`,
  ];
  try {
    // The demo password's hash, reused: hashing it once per user would cost seconds of argon2.
    const demo = await prisma.user.findUniqueOrThrow({ where: { email: db.DEMO_USERS[0].email } });
    const { passwordHash, addressLine1, addressLine2, addressCity, addressPostalCode, addressCountry } = demo;
    const profile = { passwordHash, addressLine1, addressLine2, addressCity, addressPostalCode, addressCountry };
    await prisma.user.createMany({ data: emails.map((email, i) => ({ ...profile, email, name: `Soak customer ${i + 1}` })) });
    const product = await prisma.product.findUniqueOrThrow({ where: { sku: LOAD_TEST_SKU }, select: { id: true, stock: true } });
    const customers = await mapWithConcurrency(emails, LOGIN_CONCURRENCY, (email) => login(apiUrl, email));
    return { safe: customers.slice(0, counts.safe), naive: customers.slice(counts.safe, -1), probe: customers.at(-1), product };
  } finally {
    await prisma.$disconnect();
  }
}

async function login(apiUrl, email) {
  const response = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: db.DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login of ${email} answered ${response.status}: ${await response.text()}`);
  const { accessToken, user } = await response.json();
  return { id: user.id, email, token: accessToken };
}

/** `items` mapped by `work`, at most `concurrency` at a time, in order. */
export async function mapWithConcurrency(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
