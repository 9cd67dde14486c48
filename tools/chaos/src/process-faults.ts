// The process faults on single processes: an API replica killed with SIGKILL mid-load and
// restarted (at any moment here; mid-charge in mid-charge-kill.ts), and the payment sandbox killed
// and restarted. The database restart is in database-restart.ts.
import type { ApiReplica } from './api-replica';
import { PROVIDER_SECRET_KEY, type PaymentSandbox } from './payment-sandbox';

/** A replica killed at a random moment. */
export interface ReplicaKill {
  replica: string;
  downMs: number;
}

/** The payment sandbox's restart: `keptData` when its newest PaymentIntent before the kill was still there. */
export interface SandboxRestart {
  downMs: number;
  newestId?: string;
  keptData: boolean;
}

/** Kills `replica` with SIGKILL and starts it again on the same port; resolves once it is healthy. */
export async function killAndRestartReplica(replica: ApiReplica): Promise<ReplicaKill> {
  const killedAt = Date.now();
  await replica.kill();
  await replica.start();
  return { replica: replica.name, downMs: Date.now() - killedAt };
}

/**
 * Kills the payment sandbox with SIGKILL (charges in flight are cut, its own keys stay leased) and
 * starts it again on the same port and database. Its data must survive: the newest PaymentIntent
 * before the kill is read back afterwards.
 */
export async function restartPaymentSandbox(sandbox: PaymentSandbox): Promise<SandboxRestart> {
  const newest = await providerGet<{ data: Array<{ id: string }> }>(sandbox.url, '/v1/payment_intents?limit=1');
  const newestId = newest.ok ? newest.body.data[0]?.id : undefined;
  const killedAt = Date.now();
  await sandbox.restart();
  const downMs = Date.now() - killedAt;
  const readBack = newestId ? await providerGet(sandbox.url, `/v1/payment_intents/${newestId}`) : undefined;
  return { downMs, newestId, keptData: newestId !== undefined && readBack?.ok === true };
}

async function providerGet<T>(url: string, route: string): Promise<{ ok: boolean; body: T }> {
  const response = await fetch(`${url}${route}`, { headers: { Authorization: `Bearer ${PROVIDER_SECRET_KEY}` }, signal: AbortSignal.timeout(10_000) });
  return { ok: response.ok, body: (await response.json()) as T };
}
