// payments.md §3, checked for every order of the shop against every PaymentIntent of the payment
// sandbox, after recovery has settled: a paid order was charged exactly once, for its total; an
// unpaid one never; no charge without its paid order; no checkout (one shop key) charged twice.
// The naive server's charges (naive-charges.ts) are told apart by their metadata and counted on
// their own: orders charged more than once by it.
import type { Prisma } from '@safe-checkout/db';
import { NAIVE_ORDER_ID_FIELD } from './naive-charges';
import { metadataField } from './payment-intent-metadata';

/** How many offending orders and charges the report details. */
const MAX_EXAMPLES = 5;

/** An order of the shop, as the reconciliation reads it. */
export interface ReconciledOrder {
  id: string;
  status: string;
  totalCents: number;
  currency: string;
  paymentIntentId: string | null;
}

/** A PaymentIntent of the sandbox, as the reconciliation reads it. */
export interface ReconciledIntent {
  id: string;
  amount: number;
  currency: string;
  status: string;
  metadata: Prisma.JsonValue;
}

/** The naive server's succeeded charges, per order. */
export interface NaiveServerCharges {
  succeeded: number;
  ordersCharged: number;
  doubleCharged: number;
  extraCharges: number;
}

/** payments.md §3, counted; `examples` describe the first offenders. */
export interface PaymentReconciliation {
  intents: number;
  succeeded: number;
  ordersByStatus: Record<string, number>;
  doubleCharges: number;
  orphanCharges: number;
  paidWithoutExactlyOneCharge: number;
  chargedUnpaid: number;
  unsettled: number;
  naiveChargedTwice: number;
  naiveExtraCharges: number;
  naiveServer: NaiveServerCharges;
  examples: string[];
}

/**
 * `orders`: every order in the shop's database. `intents`: every PaymentIntent in the sandbox's
 * database, the naive server's included. `safeCheckouts` and `naiveCheckouts`: the orders found
 * for each safe checkout (one key each) and for each naive checkout.
 */
export function reconcilePayments({
  orders,
  intents: allIntents,
  safeCheckouts,
  naiveCheckouts,
}: {
  orders: ReconciledOrder[];
  intents: ReconciledIntent[];
  safeCheckouts: Array<Array<{ id: string }>>;
  naiveCheckouts: Array<Array<{ id: string }>>;
}): PaymentReconciliation {
  const isNaiveServers = (intent: ReconciledIntent) => metadataField(intent, NAIVE_ORDER_ID_FIELD) !== undefined;
  const intents = allIntents.filter((intent) => !isNaiveServers(intent));
  const succeeded = intents.filter((intent) => intent.status === 'succeeded');
  const chargesByOrder = groupBy(succeeded, (intent) => metadataField(intent, 'order_id'));
  const chargesOf = (order: { id: string }) => chargesByOrder.get(order.id) ?? [];
  const ordersById = new Map(orders.map((order) => [order.id, order]));
  const orderOf = (intent: ReconciledIntent) => {
    const orderId = metadataField(intent, 'order_id');
    return orderId === undefined ? undefined : ordersById.get(orderId);
  };
  const examples: string[] = [];
  const note = (message: string) => examples.length < MAX_EXAMPLES && examples.push(message);

  const doubleCharges = countDoubleCharges(orders, safeCheckouts, chargesOf, note);
  const orphans = succeeded.filter((intent) => orderOf(intent)?.status !== 'paid');
  orphans.forEach((intent) => note(`charge without its paid order: ${describeIntent(intent)}, order ${orderOf(intent)?.status ?? 'missing'}`));
  const paidWrongly = orders.filter((order) => order.status === 'paid' && !paidByExactlyOne(order, chargesOf(order)));
  paidWrongly.forEach((order) =>
    note(`paid order without exactly one matching charge: ${describeOrder(order)}; charges ${chargesOf(order).map(describeIntent).join(', ') || 'none'}`),
  );
  const chargedUnpaid = orders.filter((order) => order.status !== 'paid' && chargesOf(order).length > 0);
  const unsettled = orders.filter((order) => order.status === 'awaiting_payment');
  unsettled.forEach((order) => note(`unsettled: ${describeOrder(order)}`));
  const naiveCharges = naiveCheckouts.map((found) => found.reduce((sum, order) => sum + chargesOf(order).length, 0));
  return {
    intents: intents.length,
    succeeded: succeeded.length,
    ordersByStatus: Object.fromEntries([...groupBy(orders, (order) => order.status)].map(([status, list]) => [status, list.length])),
    doubleCharges,
    orphanCharges: orphans.length,
    paidWithoutExactlyOneCharge: paidWrongly.length,
    chargedUnpaid: chargedUnpaid.length,
    unsettled: unsettled.length,
    naiveChargedTwice: naiveCharges.filter((n) => n > 1).length,
    naiveExtraCharges: naiveCharges.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    naiveServer: countNaiveServerCharges(allIntents.filter(isNaiveServers)),
    examples,
  };
}

// Extra succeeded charges: beyond one per safe checkout across all its orders (its one key must
// never pay twice, not even through a duplicate order), and beyond one per any other order. A
// naive checkout's duplicate orders are each paid once: that is its customer's double payment,
// counted apart (naiveChargedTwice), not the API's.
function countDoubleCharges(
  orders: ReconciledOrder[],
  safeCheckouts: Array<Array<{ id: string }>>,
  chargesOf: (order: { id: string }) => ReconciledIntent[],
  note: (message: string) => void,
): number {
  let extra = 0;
  const inSafeCheckout = new Set<string>();
  for (const found of safeCheckouts) {
    found.forEach((order) => inSafeCheckout.add(order.id));
    const charges = found.flatMap(chargesOf);
    if (charges.length > 1) note(`checkout charged ${charges.length} times: ${charges.map(describeIntent).join(', ')}`);
    extra += Math.max(0, charges.length - 1);
  }
  for (const order of orders.filter((o) => !inSafeCheckout.has(o.id))) {
    const charges = chargesOf(order);
    if (charges.length > 1) note(`order charged ${charges.length} times: ${describeOrder(order)}`);
    extra += Math.max(0, charges.length - 1);
  }
  return extra;
}

// The naive server's succeeded charges per order: more than one is a double charge.
function countNaiveServerCharges(intents: ReconciledIntent[]): NaiveServerCharges {
  const perOrder = [
    ...groupBy(
      intents.filter((intent) => intent.status === 'succeeded'),
      (intent) => metadataField(intent, NAIVE_ORDER_ID_FIELD),
    ).values(),
  ].map((list) => list.length);
  return {
    succeeded: perOrder.reduce((sum, n) => sum + n, 0),
    ordersCharged: perOrder.length,
    doubleCharged: perOrder.filter((n) => n > 1).length,
    extraCharges: perOrder.reduce((sum, n) => sum + n - 1, 0),
  };
}

function paidByExactlyOne(order: ReconciledOrder, charges: ReconciledIntent[]): boolean {
  if (charges.length !== 1) return false;
  const [intent] = charges;
  return intent.id === order.paymentIntentId && intent.amount === order.totalCents && intent.currency.toLowerCase() === order.currency.toLowerCase();
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const describeIntent = (intent: ReconciledIntent) => `${intent.id} (${intent.amount} ${intent.currency}, order ${metadataField(intent, 'order_id') ?? '–'})`;
const describeOrder = (order: ReconciledOrder) =>
  `${order.id} ${order.status} ${order.totalCents} ${order.currency}, PaymentIntent ${order.paymentIntentId ?? '–'}`;
