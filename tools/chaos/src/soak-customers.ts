// The soak's customers: users created directly in the database, one per simulated customer, so
// that every customer's orders can be told apart; each logs in through the API like a person.
import { randomBytes } from 'node:crypto';
import { createPrismaClient, DEMO_PASSWORD, DEMO_USERS } from '@safe-checkout/db';

const LOAD_TEST_SKU = 'LOAD-TEST';
const LOGIN_CONCURRENCY = 4;

/** A logged-in soak customer. */
export interface Customer {
  id: string;
  email: string;
  /** The API's access token (`Authorization: Bearer …`). */
  token: string;
}

/** The load-test product every soak checkout orders, with its stock before the load. */
export interface SoakProduct {
  id: string;
  stock: number;
}

/** The soak's customers and its product. */
export interface SoakCustomers {
  safe: Customer[];
  naive: Customer[];
  /** Probes the API during the database outage. */
  probe: Customer;
  product: SoakProduct;
}

/** The part of the API's `POST /auth/login` answer the soak reads. */
interface LoginAnswer {
  accessToken: string;
  user: { id: string };
}

/**
 * Creates `counts.safe + counts.naive + 1` users (the last one probes the API during the
 * database outage) and logs each in through `apiUrl`.
 */
export async function createCustomers(databaseUrl: string, apiUrl: string, counts: { safe: number; naive: number }): Promise<SoakCustomers> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
  const run = randomBytes(3).toString('hex');
  const emails = [
    ...Array.from({ length: counts.safe }, (_, i) => `soak-${run}-safe-${i + 1}@example.test`),
    ...Array.from({ length: counts.naive }, (_, i) => `soak-${run}-naive-${i + 1}@example.test`),
    `soak-${run}-probe@example.test`,
  ];
  try {
    // The demo password's hash, reused: hashing it once per user would cost seconds of argon2.
    const demo = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email } });
    const { passwordHash, addressLine1, addressLine2, addressCity, addressPostalCode, addressCountry } = demo;
    const profile = { passwordHash, addressLine1, addressLine2, addressCity, addressPostalCode, addressCountry };
    await prisma.user.createMany({ data: emails.map((email, i) => ({ ...profile, email, name: `Soak customer ${i + 1}` })) });
    const product = await prisma.product.findUniqueOrThrow({ where: { sku: LOAD_TEST_SKU }, select: { id: true, stock: true } });
    const customers = await mapWithConcurrency(emails, LOGIN_CONCURRENCY, (email) => login(apiUrl, email));
    return { safe: customers.slice(0, counts.safe), naive: customers.slice(counts.safe, -1), probe: customers[customers.length - 1], product };
  } finally {
    await prisma.$disconnect();
  }
}

async function login(apiUrl: string, email: string): Promise<Customer> {
  const response = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login of ${email} answered ${response.status}: ${await response.text()}`);
  const { accessToken, user } = (await response.json()) as LoginAnswer;
  return { id: user.id, email, token: accessToken };
}

/** `items` mapped by `work`, at most `concurrency` at a time, in order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
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
