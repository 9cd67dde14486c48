// After the load: what the database says, compared with what the clients saw. A logical checkout
// is recognised by (user, quantity), see planCheckouts.
import db from '@safe-checkout/db';

/**
 * @returns {Promise<{ safe: object, naive: object, probe: object, stock: object, keys: object, unexpected: number }>}
 */
export async function reconcile({ databaseUrl, product, safe, naive, probe }) {
  const prisma = db.createPrismaClient({ databaseUrl, poolSize: 2 });
  try {
    const userIds = [...new Set([...safe, ...naive].map((checkout) => checkout.customer.id)), probe.id];
    const [orders, after, ordered, keys] = await Promise.all([
      prisma.order.findMany({ where: { userId: { in: userIds } }, select: { id: true, userId: true, createdAt: true, lines: { select: { productId: true, quantity: true } } } }),
      prisma.product.findUniqueOrThrow({ where: { id: product.id }, select: { stock: true } }),
      prisma.orderLine.aggregate({ where: { productId: product.id }, _sum: { quantity: true } }),
      prisma.idempotencyKey.findMany({ where: { scope: { in: userIds }, state: 'completed', responseStatus: 201 }, select: { responseBody: true } }),
    ]);
    const byTag = groupOrdersByTag(orders, product.id);
    const take = (userId, quantity) => {
      const found = byTag.get(tagOf(userId, quantity)) ?? [];
      byTag.delete(tagOf(userId, quantity));
      return found;
    };
    const result = {
      safe: compareSafe(safe, take),
      naive: compareNaive(naive, take),
      probe: compareProbe(probe, take),
      stock: { before: product.stock, after: after.stock, delta: product.stock - after.stock, ordered: ordered._sum.quantity ?? 0 },
      keys: compareKeys(orders, keys),
    };
    // Whatever is left matches no checkout anyone made: an order from nowhere.
    result.unexpected = [...byTag.values()].reduce((sum, found) => sum + found.length, 0);
    result.stock.consistent = result.stock.delta === result.stock.ordered;
    return result;
  } finally {
    await prisma.$disconnect();
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

// Every checkout the client saw succeed exists exactly once, with the id the client was given;
// a definite failure left nothing behind; no checkout stayed ambiguous.
function compareSafe(checkouts, take) {
  const totals = { orders: 0, duplicates: 0, lost: 0, phantom: 0, unresolved: 0, examples: [] };
  for (const checkout of checkouts) {
    const found = take(checkout.customer.id, checkout.quantity);
    totals.orders += found.length;
    const problems = [
      found.length > 1 && 'duplicate',
      checkout.outcome === 'succeeded' && !found.some((order) => order.id === checkout.orderId) && 'lost',
      checkout.outcome === 'definite' && found.length > 0 && 'definite failure with an order',
      checkout.outcome === 'ambiguous' && 'unresolved',
    ].filter(Boolean);
    totals.duplicates += Math.max(0, found.length - 1);
    if (problems.includes('lost')) totals.lost++;
    if (problems.includes('definite failure with an order')) totals.phantom++;
    if (problems.includes('unresolved')) totals.unresolved++;
    if (problems.length && totals.examples.length < MAX_EXAMPLES) totals.examples.push(describeProblem(problems, checkout, found));
  }
  return totals;
}

/** How many offending checkouts the report details. */
const MAX_EXAMPLES = 5;

function describeProblem(problems, checkout, found) {
  const orders = found.map((order) => `${order.id} at ${order.createdAt.toISOString()}`).join(', ') || 'none';
  const client = `${checkout.outcome}${checkout.resolution ? ` (${checkout.resolution})` : ''}, order ${checkout.orderId ?? '–'}, ${checkout.attempts} attempts: ${checkout.failureReasons.join(' → ') || 'no failure'}`;
  return `${problems.join(' + ')}: ${checkout.customer.email} quantity ${checkout.quantity}, key ${checkout.key}; database: ${orders}; client saw ${client}`;
}

function compareNaive(checkouts, take) {
  const totals = { orders: 0, duplicates: 0, duplicatedCheckouts: 0, failedButPlaced: 0 };
  for (const checkout of checkouts) {
    const found = take(checkout.customer.id, checkout.quantity);
    totals.orders += found.length;
    totals.duplicates += Math.max(0, found.length - 1);
    if (found.length > 1) totals.duplicatedCheckouts++;
    if (checkout.outcome === 'failed' && found.length) totals.failedButPlaced++;
  }
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

// Each order was recorded with its key (its 201 stored in the same transaction), and no stored
// 201 points at an order that does not exist.
function compareKeys(orders, keys) {
  const recorded = new Set(keys.map((key) => JSON.parse(key.responseBody).id));
  const placed = new Set(orders.map((order) => order.id));
  const unrecorded = orders.filter((order) => !recorded.has(order.id));
  const keysWithoutOrder = [...recorded].filter((id) => !placed.has(id));
  return {
    unrecordedOrders: unrecorded.length,
    keysWithoutOrder: keysWithoutOrder.length,
    examples: [
      ...unrecorded.slice(0, MAX_EXAMPLES).map((order) => `order without its key: ${order.id} at ${order.createdAt.toISOString()}`),
      ...keysWithoutOrder.slice(0, MAX_EXAMPLES).map((id) => `stored 201 for a missing order: ${id}`),
    ],
  };
}
