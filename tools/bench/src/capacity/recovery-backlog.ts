// A process killed with checkouts in flight, and the backlog it leaves. One API process, with a
// short recovery delay and lease, charges at a provider that never answers: the checkouts sent to
// it create their orders and hang at the charge (the first ones get 503 at the API's charge
// deadline: customers who never retried). Once the orders exist, two processes charging at the
// sandbox start, and the stalled one is killed with -9 (its process group). Measured in the
// database: from the last lease lapse (or the kill, if later) until the last of those orders is paid.
import type { ApiMainProcess } from './api-main-process';
import type { CapacityFixtures } from './capacity-fixtures';
import type { CapacitySettings } from './capacity-settings';
import { statusCounts } from './capacity-report';
import { startDrainCostMeter } from './drain-costs';
import { latenessLines, snapshotStalledLeases } from './recovery-lateness';
import { startSilentProvider } from './silent-provider';
import { sendStalledCheckouts, STALLED_CHECKOUT_CONCURRENCY } from './stalled-checkouts';

/** How long the stalled checkouts may take to create their orders before the kill happens anyway. */
const CREATION_TIMEOUT_MS = 180_000;
const POLL_MS = 250;

/** What recovery showed: the figures of the summary line, and lines for the report. */
export interface RecoveryResult {
  /** From the last lease lapse (or the kill, if later) until the last order was paid (or until the bench stopped waiting). */
  backlogSeconds: number;
  /** `CHECKOUT_RECOVERY_AFTER_SECONDS` plus the worker's documented margin. */
  promiseSeconds: number;
  /** Orders still awaiting payment when the bench stopped waiting (0: all settled). */
  unfinished: number;
  lines: string[];
}

/** Starts an API process with `env` over the bench's defaults; stopped by the caller's clean-up too. */
export type StartApi = (env: Record<string, string>) => Promise<ApiMainProcess>;

/** The payment sandbox the recovering processes charge: its origin and the name of its database. */
export interface RecoverySandbox {
  url: string;
  databaseName: string;
}

export async function measureRecoveryBacklog(
  startApi: StartApi,
  sandbox: RecoverySandbox,
  fixtures: CapacityFixtures,
  settings: CapacitySettings,
  log: (message: string) => void,
): Promise<RecoveryResult> {
  const provider = await startSilentProvider();
  try {
    const env = { CHECKOUT_RECOVERY_AFTER_SECONDS: String(settings.recoveryAfterSeconds), IDEMPOTENCY_LEASE_MS: String(settings.leaseMs) };
    log(`recovery: an API process (recovery after ${settings.recoveryAfterSeconds} s, lease ${settings.leaseMs} ms) charging at a silent provider…`);
    const stalling = await startApi({ ...env, PAYMENT_PROVIDER_URL: provider.url });
    const since = new Date();
    const where = (status?: string) => ({
      userId: { in: fixtures.checkoutUsers.map((user) => user.id) },
      createdAt: { gte: since },
      ...(status ? { status } : {}),
    });
    const orders = (status?: string) => fixtures.prisma.order.count({ where: where(status) });

    log(`recovery: ${settings.recoveryCheckouts} checkouts to it, ${STALLED_CHECKOUT_CONCURRENCY} at a time…`);
    const checkouts = sendStalledCheckouts(stalling.url, fixtures, settings.recoveryCheckouts);
    const creationDeadline = Date.now() + CREATION_TIMEOUT_MS;
    while ((await orders()) < settings.recoveryCheckouts && Date.now() < creationDeadline && !checkouts.settled()) await sleep(POLL_MS);
    const builtSeconds = (Date.now() - since.getTime()) / 1000;

    log('recovery: starting two processes that charge at the sandbox, then kill -9 of the stalled one…');
    const recovering = await Promise.all([startApi({ ...env, PAYMENT_PROVIDER_URL: sandbox.url }), startApi({ ...env, PAYMENT_PROVIDER_URL: sandbox.url })]);
    await stalling.kill9();
    const killedAt = Date.now();
    checkouts.abort();
    const [created, stalled] = [await orders(), await orders('awaiting_payment')];
    const leases = await fixtures.prisma.idempotencyKey.aggregate({ _max: { leaseExpiresAt: true }, where: { completedAt: null, createdAt: { gte: since } } });
    const lastLapse = leases._max.leaseExpiresAt?.getTime() ?? killedAt + settings.leaseMs;
    // In a shop the recovering processes run already; here they start after the backlog is built,
    // so their start-up is not charged: the clock starts at the last lapse or the kill, the later.
    const clockStart = Math.max(lastLapse, killedAt);
    const stalledLeases = await snapshotStalledLeases(fixtures.prisma, since);
    // With CAPACITY_CPU_PROFILE_DIR, a CPU profile of each recovering process over the drain.
    for (const api of recovering) api.startCpuProfile();
    const costs = await startDrainCostMeter({
      apiPids: recovering.map((api) => api.pid),
      sandboxPort: Number(new URL(sandbox.url).port),
      prisma: fixtures.prisma,
      paymentsDatabase: sandbox.databaseName,
    });

    log(`recovery: killed with ${stalled} of ${created} orders awaiting payment; waiting until none is…`);
    const waitDeadline = clockStart + settings.recoveryWaitSeconds * 1000;
    let unfinished = stalled;
    while (unfinished > 0 && Date.now() < waitDeadline) {
      await sleep(POLL_MS);
      unfinished = await orders('awaiting_payment');
    }
    const stoppedWaitingAt = Date.now();
    const lastPaid = (await fixtures.prisma.order.aggregate({ _max: { paidAt: true }, where: where() }))._max.paidAt?.getTime();
    const backlogSeconds = Math.max(0, ((unfinished ? stoppedWaitingAt : (lastPaid ?? stoppedWaitingAt)) - clockStart) / 1000);
    const promiseSeconds = settings.recoveryAfterSeconds + settings.recoveryMarginSeconds;
    const failed = await orders('payment_failed');
    const costLines = await costs.stop(stalled - unfinished, backlogSeconds);
    await Promise.all(recovering.map((api) => api.stopCpuProfile('recovery')));
    const lateness = await latenessLines(fixtures.prisma, stalledLeases, { killedAtMs: killedAt, delaySeconds: settings.recoveryAfterSeconds });
    await Promise.all(recovering.map((api) => api.stop()));
    return {
      backlogSeconds,
      promiseSeconds,
      unfinished,
      lines: [
        `${settings.recoveryCheckouts} checkouts, ${STALLED_CHECKOUT_CONCURRENCY} at a time, to a process charging at a silent provider; answers: ${statusCounts(checkouts.answers())}`,
        `${created} orders created in ${builtSeconds.toFixed(1)} s; the stalled process killed -9 ${((killedAt - since.getTime()) / 1000).toFixed(1)} s after the first checkout, once two recovering processes were up, with ${stalled} orders awaiting payment; last lease lapse ${((lastLapse - killedAt) / 1000).toFixed(1)} s after the kill (the clock starts at the later of the two)`,
        `recovery_backlog_s ${backlogSeconds.toFixed(1)}: ${unfinished ? `NOT FINISHED: ${unfinished} orders still awaiting payment when the bench stopped waiting (a lower bound)` : 'none left awaiting payment'}; ${failed} payment_failed`,
        ...lateness,
        ...costLines,
        `recovery_promise_s ${promiseSeconds}: CHECKOUT_RECOVERY_AFTER_SECONDS=${settings.recoveryAfterSeconds} + margin ${settings.recoveryMarginSeconds} (CAPACITY_RECOVERY_MARGIN_SECONDS; the API exports no fixed margin)`,
      ],
    };
  } finally {
    await provider.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
