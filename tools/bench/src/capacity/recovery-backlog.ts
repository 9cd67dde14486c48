// A process killed with checkouts in flight, and the backlog it leaves: two API processes with a
// short recovery delay and lease, one charging at a provider that never answers. The checkouts sent
// to that one create their orders and hang at the charge (the first ones get 503 at the API's charge
// deadline: customers who never retried); once every order exists it is killed with -9 and comes
// back charging at the sandbox, as a restarted process would. Measured in the database: from the
// last lease lapse until the last of those orders is paid.
import { newIdempotencyKey } from '../load';
import type { ApiMainProcess } from './api-main-process';
import type { CapacityFixtures } from './capacity-fixtures';
import type { CapacitySettings } from './capacity-settings';
import { retryAfterMs } from './http-json';
import { statusCounts } from './capacity-report';
import { startSilentProvider } from './silent-provider';

/** How long the stalled checkouts may take to create their orders before the kill happens anyway. */
const CREATION_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

/** What recovery showed: the figures of the summary line, and lines for the table. */
export interface RecoveryResult {
  /** From the last lease lapse until the last order was paid (or until the bench stopped waiting). */
  backlogSeconds: number;
  /** `CHECKOUT_RECOVERY_AFTER_SECONDS` plus the worker's documented margin. */
  promiseSeconds: number;
  /** Orders still awaiting payment when the bench stopped waiting (0: all paid). */
  unfinished: number;
  lines: string[];
}

/** Starts an API process with `env` over the bench's defaults; the caller stops it at the end. */
export type StartApi = (env: Record<string, string>) => Promise<ApiMainProcess>;

export async function measureRecoveryBacklog(
  startApi: StartApi,
  sandboxUrl: string,
  fixtures: CapacityFixtures,
  settings: CapacitySettings,
  log: (message: string) => void,
): Promise<RecoveryResult> {
  const provider = await startSilentProvider();
  try {
    const env = { CHECKOUT_RECOVERY_AFTER_SECONDS: String(settings.recoveryAfterSeconds), IDEMPOTENCY_LEASE_MS: String(settings.leaseMs) };
    log(
      `recovery: starting two API processes (recovery after ${settings.recoveryAfterSeconds} s, lease ${settings.leaseMs} ms), one charging at a silent provider…`,
    );
    const [healthy, stalling] = await Promise.all([
      startApi({ ...env, PAYMENT_PROVIDER_URL: sandboxUrl }),
      startApi({ ...env, PAYMENT_PROVIDER_URL: provider.url }),
    ]);
    const since = new Date();
    const orders = (status?: string) =>
      fixtures.prisma.order.count({
        where: { userId: { in: fixtures.checkoutUsers.map((user) => user.id) }, createdAt: { gte: since }, ...(status ? { status } : {}) },
      });
    log(`recovery: ${settings.recoveryCheckouts} checkouts to the stalling process…`);
    const inFlight = sendStalledCheckouts(stalling.url, fixtures, settings.recoveryCheckouts);
    const creationDeadline = Date.now() + CREATION_TIMEOUT_MS;
    while ((await orders()) < settings.recoveryCheckouts && Date.now() < creationDeadline && !inFlight.settled()) await sleep(POLL_MS);
    await stalling.kill9();
    const killedAt = Date.now();
    inFlight.abort();
    const created = await orders();
    const stalled = await orders('awaiting_payment');
    const leases = await fixtures.prisma.idempotencyKey.aggregate({ _max: { leaseExpiresAt: true }, where: { completedAt: null, createdAt: { gte: since } } });
    const lastLapse = leases._max.leaseExpiresAt?.getTime() ?? killedAt + settings.leaseMs;
    log(`recovery: killed -9 with ${stalled} of ${created} orders awaiting payment; restarting it at the sandbox and waiting…`);
    const replacement = await startApi({ ...env, PAYMENT_PROVIDER_URL: sandboxUrl });
    const waitDeadline = lastLapse + settings.recoveryWaitSeconds * 1000;
    let unfinished = await orders('awaiting_payment');
    while (unfinished > 0 && Date.now() < waitDeadline) {
      await sleep(POLL_MS);
      unfinished = await orders('awaiting_payment');
    }
    const stoppedWaitingAt = Date.now();
    const lastPaid = await fixtures.prisma.order.aggregate({
      _max: { paidAt: true },
      where: { userId: { in: fixtures.checkoutUsers.map((user) => user.id) }, createdAt: { gte: since } },
    });
    const end = unfinished ? stoppedWaitingAt : (lastPaid._max.paidAt?.getTime() ?? stoppedWaitingAt);
    const backlogSeconds = Math.max(0, (end - lastLapse) / 1000);
    const promiseSeconds = settings.recoveryAfterSeconds + settings.recoveryMarginSeconds;
    const failed = await orders('payment_failed');
    await Promise.all([healthy.stop(), replacement.stop()]);
    return {
      backlogSeconds,
      promiseSeconds,
      unfinished,
      lines: [
        `${settings.recoveryCheckouts} checkouts sent at once to a process charging at a silent provider; answers before the kill: ${statusCounts(inFlight.statusCodes())}`,
        `killed -9 ${((killedAt - since.getTime()) / 1000).toFixed(1)} s after the first was sent: ${created} orders created, ${stalled} awaiting payment; last lease lapse ${((lastLapse - killedAt) / 1000).toFixed(1)} s after the kill`,
        `recovery_backlog_s ${backlogSeconds.toFixed(1)}: ${unfinished ? `NOT FINISHED: ${unfinished} orders still awaiting payment when the bench stopped waiting (a lower bound)` : 'every order paid or failed'}; ${failed} payment_failed`,
        `recovery_promise_s ${promiseSeconds}: CHECKOUT_RECOVERY_AFTER_SECONDS=${settings.recoveryAfterSeconds} + margin ${settings.recoveryMarginSeconds} (CAPACITY_RECOVERY_MARGIN_SECONDS; the API documents none today)`,
      ],
    };
  } finally {
    await provider.close();
  }
}

interface InFlight {
  settled: () => boolean;
  abort: () => void;
  statusCodes: () => Record<string, number>;
}

// Each checkout as a client would send it: its own key, kept when a 429 says to come back later.
function sendStalledCheckouts(url: string, fixtures: CapacityFixtures, count: number): InFlight {
  const controller = new AbortController();
  const statusCodes: Record<string, number> = {};
  let pending = count;
  const one = async (i: number) => {
    const user = fixtures.checkoutUsers[i % fixtures.checkoutUsers.length];
    const key = newIdempotencyKey();
    const body = JSON.stringify(fixtures.nextOrderBody());
    for (;;) {
      const response = await fetch(`${url}/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: controller.signal,
      });
      await response.arrayBuffer();
      statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
      if (response.status !== 429) return;
      await sleep(retryAfterMs(response.headers.get('retry-after')));
    }
  };
  for (let i = 0; i < count; i++) {
    void one(i)
      .catch(() => (statusCodes['none (killed or aborted)'] = (statusCodes['none (killed or aborted)'] ?? 0) + 1))
      .finally(() => pending--);
  }
  return { settled: () => pending === 0, abort: () => controller.abort(), statusCodes: () => ({ ...statusCodes }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
