// The process faults: an API replica killed with SIGKILL mid-load and restarted, and the database
// restarted mid-load. The outage is probed on every replica directly (not through the proxy): the
// API must fail closed (503, nothing run unrecorded) and recover by itself when the database is back.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntilOk } from './child-processes.mjs';

/** How long the database stays down. */
export const DATABASE_OUTAGE_MS = 2000;
/** How long the replicas get to recover by themselves once the database is back. */
const RECOVERY_TIMEOUT_MS = 30_000;

/** Kills `replica` with SIGKILL and starts it again on the same port; resolves once it is healthy. */
export async function killAndRestartReplica(replica) {
  const killedAt = Date.now();
  await replica.kill();
  await replica.start();
  return { replica: replica.name, downMs: Date.now() - killedAt };
}

/**
 * Stops the database for {@link DATABASE_OUTAGE_MS}, probing each replica meanwhile, starts it
 * again, and waits for each replica to recover by itself (no restart).
 */
export async function restartDatabase(database, replicas, probe) {
  if (!database.restartable) return { skipped: 'DATABASE_URL is set: the soak cannot restart a server it did not start' };
  await database.stop();
  const stoppedAt = Date.now();
  const duringOutage = await Promise.all(replicas.map(async (replica) => ({
    replica: replica.name,
    health: await statusOf(fetch(`${replica.url}/health`)),
    order: await probeOrder(replica.url, probe),
  })));
  await sleep(Math.max(0, DATABASE_OUTAGE_MS - (Date.now() - stoppedAt)));
  await database.start();
  const restartedAt = Date.now();
  const outageMs = restartedAt - stoppedAt;
  const recovery = await Promise.all(replicas.map(async (replica) => {
    try {
      await waitUntilOk(`${replica.url}/health`, RECOVERY_TIMEOUT_MS);
      const order = await probeOrder(replica.url, probe);
      return { replica: replica.name, recoveredAfterMs: Date.now() - restartedAt, order };
    } catch (error) {
      const death = replica.death();
      return { replica: replica.name, error: death ? `${error.message}; the process ${death}` : error.message };
    }
  }));
  return { outageMs, duringOutage, recovery };
}

/** Whether the probes show the contract: 503 store-unavailable during the outage, 201 after. */
export function databaseRestartPassed(result) {
  if (result.skipped) return true;
  const failedClosed = result.duringOutage.every((p) => p.health === '503' && p.order === '503 idempotency-store-unavailable');
  const recovered = result.recovery.every((r) => r.order === '201');
  return failedClosed && recovered;
}

/** One POST /orders with a fresh key by the probe user; quantities 1, 2, 3… tag the probes. */
async function probeOrder(apiUrl, probe) {
  const quantity = probe.sent.length + 1;
  probe.sent.push(quantity);
  const answer = await statusOf(
    fetch(`${apiUrl}/orders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${probe.token}`, 'Idempotency-Key': `"${randomUUID()}"`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ productId: probe.productId, quantity }] }),
      signal: AbortSignal.timeout(10_000),
    }),
    true,
  );
  if (answer === '201') probe.created.push(quantity);
  return answer;
}

// "503", "503 idempotency-store-unavailable" (with the problem type's slug), or the network error.
async function statusOf(request, withProblemType = false) {
  try {
    const response = await request;
    const body = await response.text();
    const slug = withProblemType && response.status >= 400 ? ` ${(JSON.parse(body).type ?? '').split('/').pop()}` : '';
    return `${response.status}${slug}`;
  } catch (error) {
    return error.cause?.code ?? error.name;
  }
}
