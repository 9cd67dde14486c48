// The database restart (the shop's and the payment sandbox's, on one server) mid-load. The outage
// is probed on every replica directly (not through the proxy): the API must fail closed (503,
// nothing run unrecorded) and recover by itself when the database is back, and so must the sandbox.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiReplica } from './api-replica';
import { networkCodeOf, waitUntilOk } from './child-processes';
import type { PaymentSandbox } from './payment-sandbox';
import { orderBody } from './safe-checkouts';
import type { Customer } from './soak-customers';
import type { SoakDatabase } from './soak-database';

/** How long the database stays down. */
export const DATABASE_OUTAGE_MS = 2000;
/** How long the replicas and the payment sandbox get to recover by themselves once the database is back. */
const RECOVERY_TIMEOUT_MS = 30_000;

/** The probe customer and its orders: quantities 1, 2, 3… tag them; `created` those answered 201. */
export interface Probe extends Customer {
  productId: string;
  sent: number[];
  created: number[];
}

/** A process that should come back by itself: an API replica, the payment sandbox. */
interface RecoveringService {
  url: string;
  death: () => string | undefined;
}

/** Whether, and how soon, a service answered /health again once the database was back. */
export type Recovery = { recoveredAfterMs: number; error?: undefined } | { error: string; recoveredAfterMs?: undefined };

/** The database restart, as the probes saw it; skipped when the soak did not start the server. */
export type DatabaseRestart =
  | { skipped: string }
  | {
      skipped?: undefined;
      outageMs: number;
      /** Each replica's answers while the database was down. */
      duringOutage: Array<{ replica: string; health: string; order: string }>;
      /** Each replica after the restart, with its probe order's answer once it recovered. */
      recovery: Array<{ replica: string; order?: string } & Recovery>;
      paymentSandbox: { health: string } & Recovery;
    };

/**
 * Stops the database for {@link DATABASE_OUTAGE_MS}, probing each replica meanwhile, starts it
 * again, and waits for each replica and the payment sandbox (its data is on the same server) to
 * recover by themselves (no restart). The replicas' order probes wait for the sandbox: an order
 * is only placed once it is paid.
 */
export async function restartDatabase(database: SoakDatabase, replicas: ApiReplica[], paymentSandbox: PaymentSandbox, probe: Probe): Promise<DatabaseRestart> {
  if (!database.restartable) return { skipped: 'DATABASE_URL is set: the soak cannot restart a server it did not start' };
  await database.stop();
  const stoppedAt = Date.now();
  const [duringOutage, sandboxHealth] = await Promise.all([
    Promise.all(
      replicas.map(async (replica) => ({
        replica: replica.name,
        health: await statusOf(fetch(`${replica.url}/health`)),
        order: await probeOrder(replica.url, probe),
      })),
    ),
    statusOf(fetch(`${paymentSandbox.url}/health`)),
  ]);
  await sleep(Math.max(0, DATABASE_OUTAGE_MS - (Date.now() - stoppedAt)));
  await database.start();
  const restartedAt = Date.now();
  const outageMs = restartedAt - stoppedAt;
  const sandboxRecovered = recoveryOf(paymentSandbox, restartedAt);
  const recovery = await Promise.all(
    replicas.map(async (replica) => {
      const recovered = { replica: replica.name, ...(await recoveryOf(replica, restartedAt)) };
      if (recovered.error !== undefined) return recovered;
      await sandboxRecovered;
      return { ...recovered, order: await probeOrder(replica.url, probe, PROBE_ATTEMPTS_AFTER_RESTART) };
    }),
  );
  return { outageMs, duringOutage, recovery, paymentSandbox: { health: sandboxHealth, ...(await sandboxRecovered) } };
}

/** Waits until `service` (a replica, the sandbox) answers /health again, by itself. */
async function recoveryOf(service: RecoveringService, restartedAt: number): Promise<Recovery> {
  try {
    await waitUntilOk(`${service.url}/health`, RECOVERY_TIMEOUT_MS);
    return { recoveredAfterMs: Date.now() - restartedAt };
  } catch (error) {
    const death = service.death();
    const { message } = error as Error;
    return { error: death ? `${message}; the process ${death}` : message };
  }
}

// The fail-closed answers of http-contract.md to an order during the outage: the key store is
// unreachable, or the database already was for what runs before it (the guard reads the caller
// from the database). Either way nothing ran, which the probe's reconciliation checks.
const FAILED_CLOSED_ORDER_ANSWERS = ['503 idempotency-store-unavailable', '503 service-unavailable'];

/**
 * Whether the probes show the contract: a fail-closed 503 during the outage, 201 after, and the
 * payment sandbox healthy again by itself.
 */
export function databaseRestartPassed(result: DatabaseRestart): boolean {
  if (result.skipped !== undefined) return true;
  const failedClosed = result.duringOutage.every((p) => p.health === '503' && FAILED_CLOSED_ORDER_ANSWERS.includes(p.order));
  const recovered = result.recovery.every((r) => r.order === '201') && result.paymentSandbox.error === undefined;
  return failedClosed && recovered;
}

// After the restart the order is charged through the faulty provider hop, so its answer may be an
// unknown outcome (503 payment-provider-unavailable) or a timeout: the probe retries with the same
// key, as any customer would, and the checkout resumes.
const PROBE_ATTEMPTS_AFTER_RESTART = 6;
const PROBE_RETRY_DELAY_MS = 1000;

/**
 * One POST /orders by the probe user with a fresh key, sent up to `attempts` times (the same key)
 * until it answers 201; quantities 1, 2, 3… tag the probes. Resolves to the last answer.
 */
async function probeOrder(apiUrl: string, probe: Probe, attempts = 1): Promise<string> {
  const quantity = probe.sent.length + 1;
  probe.sent.push(quantity);
  const key = `"${randomUUID()}"`;
  let answer: string | undefined;
  for (let attempt = 1; attempt <= attempts && answer !== '201'; attempt++) {
    if (attempt > 1) await sleep(PROBE_RETRY_DELAY_MS);
    answer = await statusOf(
      fetch(`${apiUrl}/orders`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${probe.token}`, 'Idempotency-Key': key, 'content-type': 'application/json' },
        body: JSON.stringify(orderBody(probe.productId, quantity)),
        signal: AbortSignal.timeout(15_000),
      }),
      true,
    );
  }
  if (answer === '201') probe.created.push(quantity);
  return answer as string;
}

// "503", "503 idempotency-store-unavailable" (with the problem type's slug), or the network error.
async function statusOf(request: Promise<Response>, withProblemType = false): Promise<string> {
  try {
    const response = await request;
    const body = await response.text();
    const slug = withProblemType && response.status >= 400 ? ` ${((JSON.parse(body) as { type?: string }).type ?? '').split('/').pop()}` : '';
    return `${response.status}${slug}`;
  } catch (error) {
    return networkCodeOf(error) ?? (error as Error).name;
  }
}
