// The bench's data: its products, the users it logs in as, and the key every replay scenario replays.
import { createPrismaClient, DEMO_PASSWORD, type PrismaClient } from '@safe-checkout/db';
import { newIdempotencyKey } from './load';
import { PAYMENT_METHOD } from './bench-settings';

/** A logged-in seeded user. */
export interface LoggedIn {
  accessToken: string;
  user: { id: string };
}

/** An order body: the load's products round-robin, paid with the test card that succeeds. */
export interface OrderBody {
  items: { productId: string; quantity: number }[];
  paymentMethod: string;
}

/** What the phases after start-up share. */
export interface Fixtures {
  /** The bench's own client (2 connections), for counting orders. */
  prisma: PrismaClient;
  /** Runs the loads. */
  alice: LoggedIn;
  /** Runs the storms, for {@link stormProduct} only, so that counting his orders counts their executions. */
  bob: LoggedIn;
  stormProduct: { id: string };
  nextOrderBody: () => OrderBody;
  /** One executed key per route that has a layer, and its body: what the replay scenarios send. */
  replays: { ours: Replay; peer: Replay };
}

/** A key already executed once, with the body it was executed with. */
export interface Replay {
  key: string;
  body: OrderBody;
}

/**
 * Creates `loadProducts` products for the loads and one for the storms (1 000 000 stock each),
 * logs alice and bob in, and executes one key at `POST /orders` and one at the peer's route.
 */
export async function createFixtures(url: string, databaseUrl: string, loadProducts: number): Promise<Fixtures> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
  const [alice, bob] = await Promise.all(['alice@example.com', 'bob@example.com'].map((email) => logIn(url, email)));
  const product = (sku: string) => ({ sku, name: `Bench product ${sku}`, priceCents: 100, currency: 'EUR', stock: 1_000_000 });
  await prisma.product.createMany({ data: Array.from({ length: loadProducts }, (_, i) => product(`BENCH-LOAD-${i}`)) });
  const products = await prisma.product.findMany({ where: { sku: { startsWith: 'BENCH-LOAD-' } } });
  const stormProduct = await prisma.product.create({ data: product('BENCH-STORM') });
  let next = 0;
  const nextOrderBody = (): OrderBody => ({ items: [{ productId: products[next++ % products.length].id, quantity: 1 }], paymentMethod: PAYMENT_METHOD });
  const executedOnce = async (route: string): Promise<Replay> => {
    const replay = { key: newIdempotencyKey(), body: nextOrderBody() };
    await post(url, route, alice.accessToken, replay.body, replay.key, 201);
    return replay;
  };
  const replays = { ours: await executedOnce('/orders'), peer: await executedOnce('/bench/orders-peer') };
  return { prisma, alice, bob, stormProduct, nextOrderBody, replays };
}

function logIn(url: string, email: string): Promise<LoggedIn> {
  return post(url, '/auth/login', undefined, { email, password: DEMO_PASSWORD }, undefined, 200) as Promise<LoggedIn>;
}

async function post(
  url: string,
  route: string,
  token: string | undefined,
  body: object,
  idempotencyKey: string | undefined,
  expectedStatus: number,
): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const response = await fetch(`${url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (response.status !== expectedStatus) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}
