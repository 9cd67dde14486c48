// The webhook hop's reconciliation (payments.md §5 and its invariant added to §3): every paid
// order has exactly one receipt, every delivered event was applied once, no event moved an order
// backwards; and, for contrast, the receipts the naive receiver issued for the same deliveries.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPrismaClient } from '@safe-checkout/db';

/**
 * The longest wait for the sandbox's outbox to drain, in ms: every delivery succeeded or given up.
 * The soak's schedule retries within 2 s at most (soak-cluster.ts), and a delivery held by the
 * sandbox's restart waits for its lease; a margin for a loaded machine.
 */
export const DELIVERY_DRAIN_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 250;

/** One wait for the sandbox's webhook outbox. */
export interface DeliveryDrain {
  pendingAtStart: number;
  remaining: number;
  waitedMs: number;
}

/** Waits until the sandbox (its database at `paymentsUrl`) has no delivery pending, or `timeoutMs` passed. */
export async function waitForDeliveries(paymentsUrl: string, timeoutMs = DELIVERY_DRAIN_TIMEOUT_MS): Promise<DeliveryDrain> {
  const provider = createPrismaClient({ databaseUrl: paymentsUrl, poolSize: 1 });
  const startedAt = Date.now();
  try {
    const pending = () => provider.webhookDelivery.count({ where: { status: 'pending' } });
    const pendingAtStart = await pending();
    let remaining = pendingAtStart;
    while (remaining > 0 && Date.now() - startedAt < timeoutMs) {
      await sleep(POLL_INTERVAL_MS);
      remaining = await pending();
    }
    return { pendingAtStart, remaining, waitedMs: Date.now() - startedAt };
  } finally {
    await provider.$disconnect();
  }
}

/** The webhook hop, from both databases and the naive receiver's count. */
export interface WebhookReconciliation {
  /** Events the sandbox created, and how many of the shop endpoint's deliveries succeeded / were given up. */
  events: number;
  deliveriesSucceeded: number;
  deliveriesFailed: number;
  /** Events the shop recorded, by what they did. */
  recordedByOutcome: Record<string, number>;
  /** Paid orders by the path that confirmed them first (the receipt's `confirmed_by`). */
  confirmedBy: Record<string, number>;
  /** Delivered events whose effect was applied more than once: an event id recorded twice, or an order settled by two events. */
  eventsAppliedTwice: number;
  /** Paid orders without a receipt. */
  receiptsMissing: number;
  /** Receipts beyond the first of an order, and receipts of orders that are not paid. */
  receiptsDuplicated: number;
  /** Orders whose status is not the one the event that settled them said, or that hold a receipt while not paid. */
  ordersMovedBackwards: number;
  /** Receipts beyond the first per order that the naive receiver issued. */
  naiveReceiptsDuplicated: number;
  examples: string[];
}

const EXAMPLES = 5;

export async function reconcileWebhooks({
  databaseUrl,
  paymentsUrl,
  shopEndpointUrl,
  naiveReceipts,
}: {
  databaseUrl: string;
  paymentsUrl: string;
  shopEndpointUrl: string;
  naiveReceipts: ReadonlyMap<string, number>;
}): Promise<WebhookReconciliation> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
  const provider = createPrismaClient({ databaseUrl: paymentsUrl, poolSize: 1 });
  try {
    const [events, deliveries, recorded, orders] = await Promise.all([
      provider.event.count(),
      provider.webhookDelivery.groupBy({ by: ['status'], where: { endpoint: { url: shopEndpointUrl } }, _count: { _all: true } }),
      prisma.paymentWebhookEvent.findMany({ select: { id: true, type: true, orderId: true, outcome: true } }),
      prisma.order.findMany({ select: { id: true, status: true, receipt: { select: { confirmedBy: true } } } }),
    ]);
    const receiptsPerOrder = await prisma.receipt.groupBy({ by: ['orderId'], _count: { _all: true } });
    const examples: string[] = [];
    const note = (text: string) => examples.length < EXAMPLES && examples.push(text);

    const settledBy = new Map<string, string[]>();
    for (const event of recorded.filter((row) => row.outcome === 'settled' && row.orderId)) {
      settledBy.set(event.orderId!, [...(settledBy.get(event.orderId!) ?? []), event.type]);
    }
    const appliedTwice = [...settledBy.entries()].filter(([, types]) => types.length > 1);
    appliedTwice.forEach(([orderId, types]) => note(`order ${orderId} settled by ${types.length} events (${types.join(', ')})`));
    const eventIdsTwice = recorded.length - new Set(recorded.map((row) => row.id)).size;

    const statusOf = new Map(orders.map((order) => [order.id, order.status]));
    const movedBackwards = orders.filter((order) => {
      const settling = settledBy.get(order.id)?.[0];
      const expected = settling === 'payment_intent.succeeded' ? 'paid' : settling === 'payment_intent.payment_failed' ? 'payment_failed' : undefined;
      const wrong = (expected !== undefined && order.status !== expected) || (order.receipt !== null && order.status !== 'paid');
      if (wrong) note(`order ${order.id} is ${order.status}, settled by ${settling ?? 'no event'}, receipt ${order.receipt ? 'present' : 'absent'}`);
      return wrong;
    }).length;
    const paid = orders.filter((order) => order.status === 'paid');
    const missing = paid.filter((order) => order.receipt === null);
    missing.slice(0, EXAMPLES).forEach((order) => note(`paid order ${order.id} has no receipt`));
    const extraReceipts = receiptsPerOrder.reduce((sum, row) => sum + row._count._all - 1, 0);
    const receiptsOfUnpaid = receiptsPerOrder.filter((row) => statusOf.get(row.orderId) !== 'paid').length;

    const deliveriesOf = (status: string) => deliveries.find((row) => row.status === status)?._count._all ?? 0;
    return {
      events,
      deliveriesSucceeded: deliveriesOf('succeeded'),
      deliveriesFailed: deliveriesOf('failed'),
      recordedByOutcome: countBy(recorded.map((row) => row.outcome)),
      confirmedBy: countBy(paid.map((order) => order.receipt?.confirmedBy ?? 'no receipt')),
      eventsAppliedTwice: appliedTwice.length + eventIdsTwice,
      receiptsMissing: missing.length,
      receiptsDuplicated: extraReceipts + receiptsOfUnpaid,
      ordersMovedBackwards: movedBackwards,
      naiveReceiptsDuplicated: [...naiveReceipts.values()].reduce((sum, receipts) => sum + Math.max(0, receipts - 1), 0),
      examples,
    };
  } finally {
    await Promise.all([prisma.$disconnect(), provider.$disconnect()]);
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
