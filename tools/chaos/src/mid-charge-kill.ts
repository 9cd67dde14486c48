// The process fault between the charge and its commit (docs/payments.md, crash matrix: "after the
// charge, before phase 3 commits"). A SIGKILL at a random moment seldom lands in that gap, a few
// milliseconds wide, so the provider proxy opens it: for a moment it holds every charge for
// HOLD_MS, and an API replica is killed while its charges are held. The proxy forwards them once
// the hold is over, so the sandbox charges orders whose replica is dead: each order stays
// awaiting_payment with its key at order_created, and one succeeded PaymentIntent at the provider.
// A retry with the customer's key or a recovery worker finishes it with the same derived charge
// key: the provider replays the charge instead of making a second one.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPrismaClient, type PrismaClient } from '@safe-checkout/db';
import type { ApiReplica } from './api-replica';
import type { ChaosPatch } from './chaos-admin-wire';
import { chaosAdmin, NO_FAULTS } from './chaos-proxy-process';
import { ordersHeldAtOrderCreated } from './key-writers';
import { metadataField } from './payment-intent-metadata';

/** How long the provider proxy holds every charge: below the API's 4 s attempt timeout, so the replica waits for the answer, no retry. */
const HOLD_MS = 2000;
/** How far into the hold window the replica dies: every charge it sent since is being held. */
const KILL_AFTER_MS = 1000;
/** Once the held charges were forwarded, this long for the sandbox to commit them before the check. */
const FORWARD_MARGIN_MS = 500;

/** What the mid-charge kill did and saw; `error` when reading the databases after the kill failed. */
export interface MidChargeKill {
  replica: string;
  holdMs: number;
  killAfterMs: number;
  checkMs: number;
  downMs: number;
  /** Checkouts the replica held at `order_created` when it died. */
  caught: number;
  /** Of those, orders the provider charged while they were still `awaiting_payment`. */
  chargedNotRecorded: number;
  error?: string;
}

/**
 * Opens the hold window on the provider proxy, SIGKILLs `replica` inside it, restores
 * `providerSettings` (`{ rates, latencyMs }`), and starts the replica again once the held charges
 * have reached the sandbox. Reads meanwhile which checkouts the replica held at `order_created`
 * when it died (key-writers.ts), and which of their orders the provider then charged while they
 * were still `awaiting_payment`.
 */
export async function killReplicaMidCharge({
  replica,
  providerProxyUrl,
  providerSettings,
  databaseUrl,
  paymentsUrl,
}: {
  replica: ApiReplica;
  providerProxyUrl: string;
  providerSettings: ChaosPatch;
  databaseUrl: string;
  paymentsUrl: string;
}): Promise<MidChargeKill> {
  const shop = createPrismaClient({ databaseUrl, poolSize: 1 });
  const provider = createPrismaClient({ databaseUrl: paymentsUrl, poolSize: 1 });
  const observed: Pick<MidChargeKill, 'caught' | 'chargedNotRecorded' | 'error'> = { caught: 0, chargedNotRecorded: 0 };
  let killedAt: number | undefined;
  try {
    // Connected before the window: the read right after the kill must not wait for a connection.
    await Promise.all([shop.$queryRaw`SELECT 1`, provider.$queryRaw`SELECT 1`]);
    await chaosAdmin(providerProxyUrl, { rates: { ...NO_FAULTS, latency: 1 }, latencyMs: HOLD_MS });
    await sleep(KILL_AFTER_MS);
    await replica.kill();
    killedAt = Date.now();
    const held = await ordersHeldAtOrderCreated(shop, replica.name);
    await chaosAdmin(providerProxyUrl, providerSettings);
    await sleep(Math.max(0, killedAt + HOLD_MS + FORWARD_MARGIN_MS - Date.now()));
    observed.caught = held.length;
    observed.chargedNotRecorded = await countChargedNotRecorded(shop, provider, held);
  } catch (error) {
    await chaosAdmin(providerProxyUrl, providerSettings);
    if (killedAt === undefined) throw error;
    // A failed read after the kill is reported, not fatal: the fault itself happened.
    observed.error = (error as Error).message;
  } finally {
    await Promise.all([shop.$disconnect(), provider.$disconnect()]);
  }
  await replica.start();
  const downMs = Date.now() - killedAt;
  return { replica: replica.name, holdMs: HOLD_MS, killAfterMs: KILL_AFTER_MS, checkMs: HOLD_MS + FORWARD_MARGIN_MS, downMs, ...observed };
}

// Of `orderIds`, those that have a succeeded PaymentIntent and are still awaiting_payment.
async function countChargedNotRecorded(shop: PrismaClient, provider: PrismaClient, orderIds: string[]): Promise<number> {
  const [awaiting, intents] = await Promise.all([
    shop.order.findMany({ where: { id: { in: orderIds }, status: 'awaiting_payment' }, select: { id: true } }),
    provider.paymentIntent.findMany({ where: { status: 'succeeded' }, select: { metadata: true } }),
  ]);
  const charged = new Set(intents.map((intent) => metadataField(intent, 'order_id')));
  return awaiting.filter((order) => charged.has(order.id)).length;
}
