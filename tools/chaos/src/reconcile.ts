// After the load and the settlement: what the databases say, compared with what the clients saw.
// A logical checkout is recognised by (user, quantity), see tagCheckouts. The shop's orders are
// also checked against the payment sandbox's PaymentIntents (payments.md §3, reconcile-payments.ts).
import { createPrismaClient, type Prisma } from '@safe-checkout/db';
import type { NaiveCheckout } from './naive-checkouts';
import type { Probe } from './database-restart';
import { reconcilePayments, type PaymentReconciliation, type ReconciledOrder } from './reconcile-payments';
import type { SafeCheckout } from './safe-checkouts';
import type { SoakProduct } from './soak-customers';

const ORDER_FIELDS = { id: true, userId: true, status: true, totalCents: true, currency: true, paymentIntentId: true, createdAt: true } as const;

/** An order of a soak customer, with its lines. */
interface FoundOrder extends ReconciledOrder {
  userId: string;
  createdAt: Date;
  lines: Array<{ productId: string; quantity: number }>;
}

/** The safe checkouts against their orders; `examples` describe the first offenders. */
export interface SafeReconciliation {
  orders: number;
  duplicates: number;
  lost: number;
  unpaid: number;
  phantom: number;
  unresolved: number;
  examples: string[];
}

/** The naive checkouts against their orders. */
export interface NaiveReconciliation {
  orders: number;
  duplicates: number;
  duplicatedCheckouts: number;
  failedButPlaced: number;
}

/** What the databases say, compared with what the clients saw. */
export interface Reconciliation {
  safe: SafeReconciliation;
  naive: NaiveReconciliation;
  probe: { sent: number; created: number; wrong: number };
  stock: { before: number; after: number; delta: number; ordered: number; consistent: boolean };
  keys: { unrecordedOrders: number; keysWithoutOrder: number; examples: string[] };
  payments: PaymentReconciliation;
  /** Orders that match no checkout anyone made. */
  unexpected: number;
}

/** Reads the shop's database (`databaseUrl`) and the sandbox's (`paymentsUrl`) and compares. */
export async function reconcile({
  databaseUrl,
  paymentsUrl,
  product,
  safe,
  naive,
  probe,
}: {
  databaseUrl: string;
  paymentsUrl: string;
  product: SoakProduct;
  safe: SafeCheckout[];
  naive: NaiveCheckout[];
  probe: Probe;
}): Promise<Reconciliation> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
  const provider = createPrismaClient({ databaseUrl: paymentsUrl, poolSize: 1 });
  try {
    const userIds = [...new Set([...safe, ...naive].map((checkout) => checkout.customer.id)), probe.id];
    const [orders, after, ordered, keys, intents] = await Promise.all([
      prisma.order.findMany({ select: { ...ORDER_FIELDS, lines: { select: { productId: true, quantity: true } } } }),
      prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { stock: true } }),
      // payments.md §3: the stock of a payment_failed order was given back.
      prisma.orderLine.aggregate({ where: { productId: product.id, order: { status: { not: 'payment_failed' } } }, _sum: { quantity: true } }),
      prisma.idempotencyKey.findMany({
        where: { scope: { in: userIds } },
        select: { state: true, recoveryState: true, responseStatus: true, responseBody: true },
      }),
      provider.paymentIntent.findMany({ select: { id: true, amount: true, currency: true, status: true, metadata: true } }),
    ]);
    // §3 covers every order in the database; the checkouts are told apart among the soak users' own.
    const customersOrders = orders.filter((order) => userIds.includes(order.userId));
    const byTag = groupOrdersByTag(customersOrders, product.id);
    const take = (userId: string, quantity: number) => {
      const found = byTag.get(tagOf(userId, quantity)) ?? [];
      byTag.delete(tagOf(userId, quantity));
      return found;
    };
    const safeOrders = safe.map((checkout) => take(checkout.customer.id, checkout.quantity));
    const naiveOrders = naive.map((checkout) => take(checkout.customer.id, checkout.quantity));
    const delta = product.stock - after.stock;
    const orderedUnits = ordered._sum.quantity ?? 0;
    const result = {
      safe: compareSafe(safe, safeOrders),
      naive: compareNaive(naive, naiveOrders),
      probe: compareProbe(probe, take),
      stock: { before: product.stock, after: after.stock, delta, ordered: orderedUnits, consistent: delta === orderedUnits },
      keys: compareKeys(customersOrders, keys),
      payments: reconcilePayments({ orders, intents, safeCheckouts: safeOrders, naiveCheckouts: naiveOrders }),
    };
    // Whatever is left matches no checkout anyone made: an order from nowhere.
    return { ...result, unexpected: [...byTag.values()].reduce((sum, found) => sum + found.length, 0) };
  } finally {
    await Promise.all([prisma.$disconnect(), provider.$disconnect()]);
  }
}

const tagOf = (userId: string, quantity: number) => `${userId}/${quantity}`;

function groupOrdersByTag(orders: FoundOrder[], productId: string): Map<string, FoundOrder[]> {
  const byTag = new Map<string, FoundOrder[]>();
  for (const order of orders) {
    const [line] = order.lines;
    // A malformed order gets a tag no checkout has, so it ends up counted as unexpected.
    const tag = order.lines.length === 1 && line.productId === productId ? tagOf(order.userId, line.quantity) : `malformed/${order.id}`;
    byTag.set(tag, [...(byTag.get(tag) ?? []), order]);
  }
  return byTag;
}

// Every checkout the client saw succeed exists exactly once, with the id the client was given, and
// is paid (201 means paid, payments.md §2); a definite failure left nothing behind but a
// payment_failed order (a 402 or 422 is answered after the order was created); no checkout stayed
// ambiguous.
function compareSafe(checkouts: SafeCheckout[], ordersOfCheckouts: FoundOrder[][]): SafeReconciliation {
  const totals: SafeReconciliation = { orders: 0, duplicates: 0, lost: 0, unpaid: 0, phantom: 0, unresolved: 0, examples: [] };
  checkouts.forEach((checkout, i) => {
    const found = ordersOfCheckouts[i];
    totals.orders += found.length;
    const answered = checkout.outcome === 'succeeded' ? found.find((order) => order.id === checkout.orderId) : undefined;
    const problems = [
      found.length > 1 && 'duplicate',
      checkout.outcome === 'succeeded' && !answered && 'lost',
      answered && answered.status !== 'paid' && `201 but ${answered.status}`,
      checkout.outcome === 'definite' && found.some((order) => order.status !== 'payment_failed') && 'definite failure with an order',
      checkout.outcome === 'ambiguous' && 'unresolved',
    ].filter((problem): problem is string => Boolean(problem));
    totals.duplicates += Math.max(0, found.length - 1);
    if (problems.includes('lost')) totals.lost++;
    if (answered && answered.status !== 'paid') totals.unpaid++;
    if (problems.includes('definite failure with an order')) totals.phantom++;
    if (problems.includes('unresolved')) totals.unresolved++;
    if (problems.length && totals.examples.length < MAX_EXAMPLES) totals.examples.push(describeProblem(problems, checkout, found));
  });
  return totals;
}

/** How many offending checkouts the report details. */
const MAX_EXAMPLES = 5;

function describeProblem(problems: string[], checkout: SafeCheckout, found: FoundOrder[]): string {
  const orders = found.map((order) => `${order.id} ${order.status} at ${order.createdAt.toISOString()}`).join(', ') || 'none';
  const client = `${checkout.outcome}${checkout.resolution ? ` (${checkout.resolution})` : ''}, order ${checkout.orderId ?? '–'}, ${checkout.attempts} attempts: ${checkout.failureReasons.join(' → ') || 'no failure'}`;
  return `${problems.join(' + ')}: ${checkout.customer.email} quantity ${checkout.quantity}, key ${checkout.key}; database: ${orders}; client saw ${client}`;
}

function compareNaive(checkouts: NaiveCheckout[], ordersOfCheckouts: FoundOrder[][]): NaiveReconciliation {
  const totals: NaiveReconciliation = { orders: 0, duplicates: 0, duplicatedCheckouts: 0, failedButPlaced: 0 };
  checkouts.forEach((checkout, i) => {
    const found = ordersOfCheckouts[i];
    totals.orders += found.length;
    totals.duplicates += Math.max(0, found.length - 1);
    if (found.length > 1) totals.duplicatedCheckouts++;
    if (checkout.outcome === 'failed' && found.length) totals.failedButPlaced++;
  });
  return totals;
}

// Probe orders answered 201 exist once; those answered 503 during the outage do not exist at all.
function compareProbe(probe: Probe, take: (userId: string, quantity: number) => FoundOrder[]): Reconciliation['probe'] {
  let wrong = 0;
  for (const quantity of probe.sent) {
    const expected = probe.created.includes(quantity) ? 1 : 0;
    if (take(probe.id, quantity).length !== expected) wrong++;
  }
  return { sent: probe.sent.length, created: probe.created.length, wrong };
}

/** An idempotency key, as the reconciliation reads it. */
interface KeyRow {
  state: string;
  recoveryState: Prisma.JsonValue;
  responseStatus: number | null;
  responseBody: string | null;
}

// Each order was recorded with its key, and no key points at an order that does not exist. A key
// names its order in its recovery state while the checkout runs (order_created), and in its stored
// answer once finished: the order (201), or the problem's orderId (402, 422).
function compareKeys(orders: FoundOrder[], keys: KeyRow[]): Reconciliation['keys'] {
  const recorded = new Set(keys.map(orderIdOfKey).filter((id): id is string => Boolean(id)));
  const placed = new Set(orders.map((order) => order.id));
  const unrecorded = orders.filter((order) => !recorded.has(order.id));
  const keysWithoutOrder = [...recorded].filter((id) => !placed.has(id));
  return {
    unrecordedOrders: unrecorded.length,
    keysWithoutOrder: keysWithoutOrder.length,
    examples: [
      ...unrecorded.slice(0, MAX_EXAMPLES).map((order) => `order without its key: ${order.id} ${order.status} at ${order.createdAt.toISOString()}`),
      ...keysWithoutOrder.slice(0, MAX_EXAMPLES).map((id) => `key naming a missing order: ${id}`),
    ],
  };
}

function orderIdOfKey({ state, recoveryState, responseStatus, responseBody }: KeyRow): string | undefined {
  if (state !== 'completed') return (recoveryState as { orderId?: string } | null)?.orderId;
  if (!responseBody || (responseStatus ?? 0) >= 500) return undefined;
  const body = JSON.parse(responseBody) as { id?: string; orderId?: string };
  return responseStatus === 201 ? body.id : body.orderId;
}
