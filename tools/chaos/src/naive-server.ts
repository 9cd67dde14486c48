// The naive server's payment step, run beside the load: every order the naive customers placed is
// charged by the naive charging client (naive-charges.ts) as soon as it shows up in the shop's
// database, whatever its customer was told, through the same faulty provider proxy as the API's
// own charges. Orders are picked up from the database rather than from the customers' answers: on
// a busy machine most naive customers time out before their order is created.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPrismaClient } from '@safe-checkout/db';
import { createNaiveChargeClient, type NaiveCharge } from './naive-charges';

/** How often it looks for new orders. */
const SWEEP_INTERVAL_MS = 1000;
/** The last sweep, after the load, outlasts a database that is still coming back. */
const LAST_SWEEP_ATTEMPTS = 5;

/** The running naive server. */
export interface NaiveServer {
  /** Sweeps a last time and resolves to every charge's result once all of them are done. */
  stop: () => Promise<NaiveCharge[]>;
}

/**
 * Starts charging the orders of `userIds` (the naive customers) through `providerUrl`, each once
 * (its retries inside).
 */
export function startNaiveServer({ providerUrl, databaseUrl, userIds }: { providerUrl: string; databaseUrl: string; userIds: string[] }): NaiveServer {
  const client = createNaiveChargeClient(providerUrl);
  const prisma = createPrismaClient({ databaseUrl, poolSize: 1 });
  const picked = new Set<string>();
  const charges: Array<Promise<NaiveCharge>> = [];
  const sweep = async () => {
    const orders = await prisma.order.findMany({ where: { userId: { in: userIds } }, select: { id: true, userId: true, totalCents: true, currency: true } });
    for (const order of orders.filter((o) => !picked.has(o.id))) {
      picked.add(order.id);
      charges.push(client.charge(order));
    }
  };
  let sweeping = true;
  const loop = (async () => {
    while (sweeping) {
      // During the database restart a sweep fails; the next one finds the orders.
      await sweep().catch(() => undefined);
      await sleep(SWEEP_INTERVAL_MS);
    }
  })();
  return {
    async stop() {
      sweeping = false;
      await loop;
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            await sweep();
            break;
          } catch (error) {
            if (attempt === LAST_SWEEP_ATTEMPTS) throw error;
            await sleep(SWEEP_INTERVAL_MS);
          }
        }
        return await Promise.all(charges);
      } finally {
        await prisma.$disconnect();
      }
    },
  };
}
