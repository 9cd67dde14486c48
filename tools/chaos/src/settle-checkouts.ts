// After the load, and before the reconciliation: every checkout left awaiting payment (its replica
// was killed mid-charge, its customer gave up after a 503) is finished by the replicas' recovery
// workers (payments.md §2 "Recovery"). The soak waits for that, bounded; whatever still awaits
// payment then is reported as unsettled, and fails the soak.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPrismaClient } from '@safe-checkout/db';

/**
 * The longest wait, in ms. A stalled checkout is resumed once its lease lapsed (the replicas'
 * IDEMPOTENCY_LEASE_MS) and `--recovery-after-seconds` more, when the worker wakes for it (it sleeps
 * until the next due checkout, at most 5 s: libs/idempotency-nest/src/recovery-schedule.ts). A charge cut
 * by the database restart can leave its key running at the sandbox until the sandbox's own lease
 * (30 s, the idempotency library's default) lapses; until then the charge answers 409 and the
 * worker tries again on a later pass. Twice that, and a margin for a loaded machine.
 */
export const SETTLEMENT_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 250;

/** One wait for the recovery workers. */
export interface Settlement {
  awaitingAtStart: number;
  remaining: number;
  waitedMs: number;
}

/** Waits until no order of the shop's database is `awaiting_payment`, or `timeoutMs` passed. */
export async function waitForSettlement(databaseUrl: string, timeoutMs = SETTLEMENT_TIMEOUT_MS): Promise<Settlement> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 1 });
  const startedAt = Date.now();
  try {
    const awaiting = () => prisma.order.count({ where: { status: 'awaiting_payment' } });
    const awaitingAtStart = await awaiting();
    let remaining = awaitingAtStart;
    while (remaining > 0 && Date.now() - startedAt < timeoutMs) {
      await sleep(POLL_INTERVAL_MS);
      remaining = await awaiting();
    }
    return { awaitingAtStart, remaining, waitedMs: Date.now() - startedAt };
  } finally {
    await prisma.$disconnect();
  }
}
