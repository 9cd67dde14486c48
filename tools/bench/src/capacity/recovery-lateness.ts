// Each stalled order against its own promise (payments.md §2 "Recovery"): paid no later than its
// lease lapse (or the kill, if later) plus CHECKOUT_RECOVERY_AFTER_SECONDS. The summary line's
// figure takes the last order paid against the last lapse; these lines show how the backlog fell
// due and how late each order was, so that a slow drain and a late wake-up can be told apart.
import type { PrismaClient } from '@safe-checkout/db';
import { percentile } from './capacity-report';

/** A stalled checkout's order and when its key's lease lapsed, as read at the kill. */
export interface StalledLease {
  orderId: string;
  lapsedAt: Date;
}

/** The unfinished checkout keys at `order_created` created since `since`, with their orders. */
export function snapshotStalledLeases(prisma: PrismaClient, since: Date): Promise<StalledLease[]> {
  return prisma.$queryRaw<StalledLease[]>`
    SELECT recovery_state->>'orderId' AS "orderId", lease_expires_at AS "lapsedAt"
    FROM idempotency_keys
    WHERE completed_at IS NULL AND recovery_point = 'order_created' AND created_at >= ${since}`;
}

export async function latenessLines(
  prisma: PrismaClient,
  leases: StalledLease[],
  { killedAtMs, delaySeconds }: { killedAtMs: number; delaySeconds: number },
): Promise<string[]> {
  if (leases.length === 0) return [];
  const paid = await prisma.order.findMany({
    where: { id: { in: leases.map((lease) => lease.orderId) }, paidAt: { not: null } },
    select: { id: true, paidAt: true },
  });
  const paidAtMs = new Map(paid.map((order) => [order.id, (order.paidAt as Date).getTime()]));
  const dueAtMs = (lease: StalledLease) => Math.max(lease.lapsedAt.getTime(), killedAtMs) + delaySeconds * 1000;
  const dueAtKill = leases.filter((lease) => dueAtMs(lease) <= killedAtMs + delaySeconds * 1000).length;
  const late = leases.filter((lease) => paidAtMs.has(lease.orderId)).map((lease) => ((paidAtMs.get(lease.orderId) as number) - dueAtMs(lease)) / 1000);
  const paidTimes = [...paidAtMs.values()].sort((a, b) => a - b);
  const spanSeconds = paidTimes.length > 1 ? (paidTimes[paidTimes.length - 1] - paidTimes[0]) / 1000 : 0;
  const seconds = (value: number) => `${value.toFixed(1)} s`;
  return [
    `due: ${dueAtKill} of ${leases.length} stalled checkouts ${delaySeconds} s after the kill (their leases lapsed before it), the last ${seconds((Math.max(...leases.map(dueAtMs)) - killedAtMs) / 1000)} after it`,
    `each order paid after its own due time (lapse or kill, the later, + ${delaySeconds} s): p50 ${seconds(percentile(late, 50))}, p90 ${seconds(percentile(late, 90))}, max ${seconds(Math.max(...late))}; ` +
      `${paidTimes.length} paid at ${spanSeconds > 0 ? (paidTimes.length / spanSeconds).toFixed(0) : '–'}/s from the first to the last`,
  ];
}
