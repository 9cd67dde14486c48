// After the load and the settlement: what the databases say, compared with what the clients saw.
// A logical checkout is recognised by (user, quantity), see planCheckouts. The shop's orders are
// also checked against the payment sandbox's PaymentIntents (payments.md §3, reconcile-payments.mjs).
import db from '@safe-checkout/db';
import { reconcilePayments } from './reconcile-payments.mjs';

const ORDER_FIELDS = { id: true, userId: true, status: true, totalCents: true, currency: true, paymentIntentId: true, createdAt: true };

/**
 * @returns {Promise<{ safe: object, naive: object, probe: object, stock: object, keys: object, payments: object, unexpected: number }>}
 */
export async function reconcile({ databaseUrl, paymentsUrl, product, safe, naive, probe }) {
  const prisma = db.createPrismaClient({ databaseUrl, poolSize: 2 });
  const provider = db.createPrismaClient({ databaseUrl: paymentsUrl, poolSize: 1 });
  try {
    const userIds = [...new Set([...safe, ...naive].map((checkout) => checkout.customer.id)), probe.id];
    const [orders, after, ordered, keys, intents] = await Promise.all([
      prisma.order.findMany({ select: { ...ORDER_FIELDS, lines: { select: { productId: true, quantity: true } } } }),
      prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { stock: true } }),
      // payments.md §3: the stock of a payment_failed order was given back.
      prisma.orderLine.aggregate({ where: { productId: product.id, order: { status: { not: 'payment_failed' } } }, _sum: { quantity: true } }),
      prisma.idempotencyKey.findMany({ where: { scope: { in: userIds } }, select: { state: true, recoveryState: true, responseStatus: true, responseBody: true } }),
      provider.paymentIntent.findMany({ select: { id: true, amount: true, currency: true, status: true, metadata: true } }),
    ]);
    // §3 covers every order in the database; the checkouts are told apart among the soak users' own.
    const customersOrders = orders.filter((order) => userIds.includes(order.userId));
    const byTag = groupOrdersByTag(customersOrders, product.id);
    const take = (userId, quantity) => {
      const found = byTag.get(tagOf(userId, quantity)) ?? [];
      byTag.delete(tagOf(userId, quantity));
      return found;
    };
    const safeOrders = safe.map((checkout) => take(checkout.customer.id, checkout.quantity));
    const naiveOrders = naive.map((checkout) => take(checkout.customer.id, checkout.quantity));
    const result = {
      safe: compareSafe(safe, safeOrders),
      naive: compareNaive(naive, naiveOrders),
      probe: compareProbe(probe, take),
      stock: { before: product.stock, after: after.stock, delta: product.stock - after.stock, ordered: ordered._sum.quantity ?? 0 },
      keys: compareKeys(customersOrders, keys),
      payments: reconcilePayments({ orders, intents, safeCheckouts: safeOrders, naiveCheckouts: naiveOrders }),
    };
    // Whatever is left matches no checkout anyone made: an order from nowhere.
    result.unexpected = [...byTag.values()].reduce((sum, found) => sum + found.length, 0);
    result.stock.consistent = result.stock.delta === result.stock.ordered;
    return result;
  } finally {
    await Promise.all([prisma.$disconnect(), provider.$disconnect()]);
  }
}

const tagOf = (userId, quantity) => `${userId}/${quantity}`;

function groupOrdersByTag(orders, productId) {
  const byTag = new Map();
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
function compareSafe(checkouts, ordersOfCheckouts) {
  const totals = { orders: 0, duplicates: 0, lost: 0, unpaid: 0, phantom: 0, unresolved: 0, examples: [] };
  checkouts.forEach((checkout, i) => {
    const found = ordersOfCheckouts[i];
    totals.orders += found.length;
    const answered = checkout.outcome === 'succeeded' && found.find((order) => order.id === checkout.orderId);
    const problems = [
      found.length > 1 && 'duplicate',
      checkout.outcome === 'succeeded' && !answered && 'lost',
      answered && answered.status !== 'paid' && `201 but ${answered.status}`,
      checkout.outcome === 'definite' && found.some((order) => order.status !== 'payment_failed') && 'definite failure with an order',
      checkout.outcome === 'ambiguous' && 'unresolved',
    ].filter(Boolean);
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

function describeProblem(problems, checkout, found) {
  const orders = found.map((order) => `${order.id} ${order.status} at ${order.createdAt.toISOString()}`).join(', ') || 'none';
  const client = `${checkout.outcome}${checkout.resolution ? ` (${checkout.resolution})` : ''}, order ${checkout.orderId ?? '–'}, ${checkout.attempts} attempts: ${checkout.failureReasons.join(' → ') || 'no failure'}`;
  return `${problems.join(' + ')}: ${checkout.customer.email} quantity ${checkout.quantity}, key ${checkout.key}; database: ${orders}; client saw ${client}`;
}

function compareNaive(checkouts, ordersOfCheckouts) {
  const totals = { orders: 0, duplicates: 0, duplicatedCheckouts: 0, failedButPlaced: 0 };
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
function compareProbe(probe, take) {
  let wrong = 0;
  for (const quantity of probe.sent) {
    const expected = probe.created.includes(quantity) ? 1 : 0;
    if (take(probe.id, quantity).length !== expected) wrong++;
  }
  return { sent: probe.sent.length, created: probe.created.length, wrong };
}

// Each order was recorded with its key, and no key points at an order that does not exist. A key
// names its order in its recovery state while the checkout runs (order_created), and in its stored
// answer once finished: the order (201), or the problem's orderId (402, 422).
function compareKeys(orders, keys) {
  const recorded = new Set(keys.map(orderIdOfKey).filter(Boolean));
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

function orderIdOfKey({ state, recoveryState, responseStatus, responseBody }) {
  if (state !== 'completed') return recoveryState?.orderId;
  if (!responseBody || responseStatus >= 500) return undefined;
  const body = JSON.parse(responseBody);
  return responseStatus === 201 ? body.id : body.orderId;
}
